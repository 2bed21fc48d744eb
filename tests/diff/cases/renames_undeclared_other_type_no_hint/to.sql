-- A column of another type added: no hint.
CREATE TABLE users (id integer NOT NULL, email integer);
