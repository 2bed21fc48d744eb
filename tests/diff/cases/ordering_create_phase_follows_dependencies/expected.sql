CREATE SCHEMA app;
CREATE TYPE app.status AS ENUM ('new', 'paid');
CREATE SEQUENCE app.orders_id_seq AS bigint;
CREATE TABLE app.customers (
    id integer NOT NULL
);
CREATE TABLE app.orders (
    id integer DEFAULT nextval('app.orders_id_seq'::regclass) NOT NULL,
    customer_id integer,
    status app.status
);
ALTER TABLE app.customers ADD CONSTRAINT customers_pkey PRIMARY KEY (id);
ALTER TABLE app.orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES app.customers(id);
CREATE VIEW app.paid AS
 SELECT orders.id
   FROM app.orders
  WHERE orders.status = 'paid'::app.status;
ALTER SEQUENCE app.orders_id_seq OWNED BY app.orders.id;
