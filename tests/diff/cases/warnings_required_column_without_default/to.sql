-- A NOT NULL column without a default fails on a table with rows.
CREATE TABLE users (id integer NOT NULL, email text, level integer NOT NULL);
