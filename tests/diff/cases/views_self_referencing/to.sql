-- A view over itself (PostgreSQL accepts it; querying it recurses forever): created as pg_dump
-- does, from a placeholder with the same columns.
CREATE TABLE t (a integer);
CREATE VIEW v AS SELECT 1 AS a, text 'x' AS b;
CREATE OR REPLACE VIEW v AS SELECT a, b FROM v;
