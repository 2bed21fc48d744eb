-- A new definition recreates the materialized view and its index.
CREATE TABLE film (id integer, title text);
CREATE MATERIALIZED VIEW counts AS SELECT count(*) AS n FROM film WHERE id > 0;
CREATE INDEX counts_n ON counts (n);
