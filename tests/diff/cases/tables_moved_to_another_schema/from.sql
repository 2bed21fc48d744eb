CREATE SCHEMA sales;
CREATE TABLE orders (id serial PRIMARY KEY, customer text NOT NULL, total numeric CHECK (total >= 0));
CREATE INDEX orders_customer ON orders (customer);
CREATE TABLE refunds (id integer PRIMARY KEY, order_id integer REFERENCES orders (id));
CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100;
