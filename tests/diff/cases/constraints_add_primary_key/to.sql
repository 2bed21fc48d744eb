-- ADD CONSTRAINT on an existing table.
CREATE TABLE users (id integer NOT NULL, CONSTRAINT users_pkey PRIMARY KEY (id));
