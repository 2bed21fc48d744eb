-- Appending columns replaces the view in place.
CREATE TABLE film (id integer, title text);
CREATE VIEW titles AS SELECT id, title FROM film;
