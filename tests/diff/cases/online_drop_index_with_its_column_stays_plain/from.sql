CREATE TABLE users (id integer NOT NULL, email text);
CREATE UNIQUE INDEX users_email_idx ON users (email);
