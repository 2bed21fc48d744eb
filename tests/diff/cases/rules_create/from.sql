CREATE TABLE film (id integer);
