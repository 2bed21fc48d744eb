CREATE TABLE users (id integer NOT NULL, count smallint);
