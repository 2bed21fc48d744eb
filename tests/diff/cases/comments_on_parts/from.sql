CREATE TABLE accounts (id integer PRIMARY KEY, owner text);
CREATE VIEW owners AS SELECT id, owner FROM accounts;
CREATE MATERIALIZED VIEW totals AS SELECT count(*) AS n FROM accounts;
CREATE TYPE pair AS (a integer, b integer);
CREATE DOMAIN positive AS integer CONSTRAINT positive_check CHECK (VALUE > 0);
COMMENT ON COLUMN owners.id IS 'goes away';
