CREATE SCHEMA sales;
CREATE TABLE sales.orders (id serial PRIMARY KEY, customer text NOT NULL);
CREATE INDEX orders_customer ON sales.orders (customer);
