-- The create phase follows the dependencies.
CREATE SCHEMA app;
CREATE TYPE app.status AS ENUM ('new', 'paid');
CREATE SEQUENCE app.orders_id_seq;
CREATE TABLE app.customers (id integer NOT NULL, CONSTRAINT customers_pkey PRIMARY KEY (id));
CREATE TABLE app.orders (
  id integer NOT NULL DEFAULT nextval('app.orders_id_seq'),
  customer_id integer,
  status app.status,
  CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES app.customers (id)
);
ALTER SEQUENCE app.orders_id_seq OWNED BY app.orders.id;
CREATE VIEW app.paid AS SELECT id FROM app.orders WHERE status = 'paid';
