-- A small shop: the first migration creates everything, so nothing in it touches a busy table.
CREATE TABLE customers (
  id serial PRIMARY KEY,
  email varchar(255),
  name text NOT NULL,
  created_at timestamp NOT NULL DEFAULT now()
);

CREATE TABLE products (
  id serial PRIMARY KEY,
  sku varchar(32) NOT NULL,
  title text NOT NULL,
  price_cents integer NOT NULL
);

CREATE TABLE orders (
  id bigserial PRIMARY KEY,
  customer_id integer NOT NULL REFERENCES customers (id),
  legacy_ref text,
  placed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE order_items (
  order_id bigint NOT NULL,
  product_id integer NOT NULL REFERENCES products (id),
  quantity integer NOT NULL CHECK (quantity > 0)
);
CREATE INDEX order_items_order ON order_items (order_id);

CREATE TABLE old_carts (id bigint, payload json);
CREATE TABLE cart_items (cart uuid, product_id integer, added timestamptz);
