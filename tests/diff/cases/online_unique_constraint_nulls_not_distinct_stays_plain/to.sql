-- A UNIQUE NULLS NOT DISTINCT is added as it is.
CREATE TABLE users (id integer NOT NULL, email text, CONSTRAINT users_email_key UNIQUE NULLS NOT DISTINCT (email));
