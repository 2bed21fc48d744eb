-- A standalone index is dropped CONCURRENTLY.
CREATE TABLE users (id integer NOT NULL, email text);
