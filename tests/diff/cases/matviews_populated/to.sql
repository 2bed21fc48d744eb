-- An unpopulated materialized view declared WITH DATA is refreshed.
CREATE TABLE film (id integer, title text);
CREATE MATERIALIZED VIEW counts AS SELECT count(*) AS n FROM film;
CREATE INDEX counts_n ON counts (n);
