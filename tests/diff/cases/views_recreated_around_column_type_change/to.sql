-- A view is recreated around a type change of a column it uses.
CREATE TABLE film (id bigint, title text);
CREATE VIEW titles AS SELECT id, title FROM film;
