CREATE TABLE accounts (id integer NOT NULL);
