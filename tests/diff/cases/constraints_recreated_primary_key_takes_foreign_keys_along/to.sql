-- A recreated primary key takes the foreign keys on it along; the foreign key comes back on the
-- new unique key.
CREATE TABLE users (
  id integer NOT NULL,
  email text NOT NULL,
  CONSTRAINT users_pkey PRIMARY KEY (id, email),
  CONSTRAINT users_id_key UNIQUE (id)
);
CREATE TABLE orders (user_id integer, CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id));
