-- The other direction: back to public.
CREATE SCHEMA sales;
-- strata:moved-from sales.orders
CREATE TABLE orders (id serial PRIMARY KEY, customer text NOT NULL);
CREATE INDEX orders_customer ON orders (customer);
