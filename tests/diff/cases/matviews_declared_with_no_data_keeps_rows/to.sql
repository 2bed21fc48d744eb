-- Declared WITH NO DATA (as pg_dump --schema-only writes every materialized view): a populated
-- one is never emptied by a migration; nothing to do.
CREATE TABLE film (id integer, title text);
CREATE MATERIALIZED VIEW counts AS SELECT count(*) AS n FROM film WITH NO DATA;
CREATE INDEX counts_n ON counts (n);
