CREATE TABLE users (id integer NOT NULL, email text, CONSTRAINT users_pkey PRIMARY KEY (id));
CREATE TABLE orders (user_id integer);
