-- Removing columns recreates the view, and takes the views on it along.
CREATE TABLE film (id integer, title text);
CREATE VIEW titles AS SELECT id FROM film;
CREATE VIEW ids AS SELECT id FROM titles;
