CREATE TABLE film (id integer, title text);
CREATE VIEW titles AS SELECT id, title FROM film;
CREATE VIEW ids AS SELECT id FROM titles;
