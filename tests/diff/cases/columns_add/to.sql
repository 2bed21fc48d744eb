-- A new column is added in place.
CREATE TABLE users (id integer NOT NULL, email text);
