-- Widening rewrites the table: a warning, not destructive.
CREATE TABLE accounts (id bigint NOT NULL);
