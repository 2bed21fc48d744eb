CREATE TABLE users (id integer, email text DEFAULT '', CONSTRAINT users_pkey PRIMARY KEY (id));
CREATE INDEX users_email ON users (email);
