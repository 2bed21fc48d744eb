CREATE TABLE addresses (id integer PRIMARY KEY, city text, zip text);
