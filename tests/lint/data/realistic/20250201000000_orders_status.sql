ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new';
ALTER TABLE orders ADD CONSTRAINT orders_status_check
  CHECK (status IN ('new', 'paid', 'shipped', 'cancelled'));
