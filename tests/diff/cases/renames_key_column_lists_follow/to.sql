-- Keys and indexes list their columns by name: renamed columns are renamed there too, keys are
-- kept.
CREATE TABLE users (
  -- strata:renamed-from id
  key integer NOT NULL,
  -- strata:renamed-from mail
  email text,
  CONSTRAINT users_pkey PRIMARY KEY (key)
);
CREATE TABLE orders (user_id integer, CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (key));
CREATE UNIQUE INDEX users_mail ON users (email);
