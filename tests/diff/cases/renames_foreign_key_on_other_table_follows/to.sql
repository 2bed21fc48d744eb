-- A foreign key on another table follows the renamed table: nothing else to do.
-- strata:renamed-from users
CREATE TABLE accounts (id integer NOT NULL, CONSTRAINT users_pkey PRIMARY KEY (id));
CREATE TABLE orders (user_id integer, CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES accounts (id));
