-- Why dropping a column is destructive.
CREATE TABLE accounts (id integer NOT NULL);
