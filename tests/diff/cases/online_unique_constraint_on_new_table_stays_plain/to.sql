-- A UNIQUE on a new table is created with it.
CREATE TABLE users (id integer NOT NULL, email text, CONSTRAINT users_email_key UNIQUE (email));
