-- DROP NOT NULL.
CREATE TABLE users (id integer NOT NULL, email text);
