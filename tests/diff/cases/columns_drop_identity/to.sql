-- An identity is dropped before the NOT NULL.
CREATE TABLE users (id integer NOT NULL, number integer);
