-- Column defaults of a view (what an INSERT through it gets).
CREATE TABLE orders (id integer, status text);
CREATE VIEW open_orders AS SELECT id, status FROM orders;
ALTER VIEW open_orders ALTER COLUMN status SET DEFAULT 'open';
CREATE VIEW new_orders AS SELECT id, status FROM orders;
ALTER VIEW new_orders ALTER COLUMN status SET DEFAULT 'new';
