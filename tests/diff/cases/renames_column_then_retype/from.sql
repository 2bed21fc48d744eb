CREATE TABLE users (id integer NOT NULL, mail text);
