-- Without the online option: plain ADD CONSTRAINT.
CREATE TABLE users (
  id integer NOT NULL,
  email text,
  CONSTRAINT users_pkey PRIMARY KEY (id),
  CONSTRAINT email_check CHECK (email <> '')
);
CREATE TABLE orders (user_id integer, CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id));
