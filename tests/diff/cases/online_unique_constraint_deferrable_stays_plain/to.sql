-- A DEFERRABLE UNIQUE is added as it is.
CREATE TABLE users (id integer NOT NULL, email text, CONSTRAINT users_email_key UNIQUE (email) DEFERRABLE);
