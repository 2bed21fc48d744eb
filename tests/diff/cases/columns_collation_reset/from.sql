CREATE TABLE users (id integer NOT NULL, name text COLLATE "C");
