-- A new UNIQUE constraint on an existing table is added on an index built CONCURRENTLY.
CREATE TABLE users (id integer NOT NULL, email text, CONSTRAINT users_email_key UNIQUE (email));
