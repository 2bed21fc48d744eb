CREATE TABLE film (id integer, title text);
CREATE MATERIALIZED VIEW counts AS SELECT count(*) AS n FROM film WITH NO DATA;
CREATE INDEX counts_n ON counts (n);
