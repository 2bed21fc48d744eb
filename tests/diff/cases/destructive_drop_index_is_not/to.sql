-- Dropping an index loses no data: not destructive.
CREATE TABLE accounts (id integer NOT NULL);
