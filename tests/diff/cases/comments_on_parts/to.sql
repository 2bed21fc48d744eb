-- Comments on parts of objects: a view's and a materialized view's columns, a composite type's
-- attribute, a domain's constraint, a primary key's index.
CREATE TABLE accounts (id integer PRIMARY KEY, owner text);
CREATE VIEW owners AS SELECT id, owner FROM accounts;
CREATE MATERIALIZED VIEW totals AS SELECT count(*) AS n FROM accounts;
CREATE TYPE pair AS (a integer, b integer);
CREATE DOMAIN positive AS integer CONSTRAINT positive_check CHECK (VALUE > 0);
COMMENT ON COLUMN owners.owner IS 'who owns it';
COMMENT ON COLUMN totals.n IS 'how many';
COMMENT ON COLUMN pair.a IS 'first';
COMMENT ON CONSTRAINT positive_check ON DOMAIN positive IS 'above zero';
COMMENT ON INDEX accounts_pkey IS 'the key';
