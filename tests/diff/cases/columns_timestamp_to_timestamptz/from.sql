CREATE TABLE users (id integer NOT NULL, seen timestamp without time zone);
