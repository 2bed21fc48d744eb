CREATE TABLE users (id integer NOT NULL, code text DEFAULT 'x');
