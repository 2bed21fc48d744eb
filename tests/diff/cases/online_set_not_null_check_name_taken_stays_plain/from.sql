CREATE TABLE users (id integer NOT NULL, email text, CONSTRAINT users_email_not_null CHECK (email <> ''));
