CREATE TABLE orders (id integer, status text);
CREATE VIEW open_orders AS SELECT id, status FROM orders;
