CREATE TABLE accounts (id integer NOT NULL);
CREATE INDEX i ON accounts (id);
