ALTER TABLE order_items ADD COLUMN line_no serial;
