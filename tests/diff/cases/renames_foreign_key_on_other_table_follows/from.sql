CREATE TABLE users (id integer NOT NULL, CONSTRAINT users_pkey PRIMARY KEY (id));
CREATE TABLE orders (user_id integer, CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id));
