-- A table moved to another schema keeps its rows: SET SCHEMA, which takes its indexes and its
-- serial sequence along; the view and the foreign key follow it.
CREATE SCHEMA sales;
-- strata:moved-from public.orders
CREATE TABLE sales.orders (id serial PRIMARY KEY, customer text NOT NULL, total numeric CHECK (total >= 0));
CREATE INDEX orders_customer ON sales.orders (customer);
CREATE TABLE refunds (id integer PRIMARY KEY, order_id integer REFERENCES sales.orders (id));
CREATE VIEW big_orders AS SELECT id, total FROM sales.orders WHERE total > 100;
