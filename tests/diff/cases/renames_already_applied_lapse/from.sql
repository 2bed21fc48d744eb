CREATE TABLE accounts (id integer PRIMARY KEY, email text);
CREATE TABLE people (id integer PRIMARY KEY);
