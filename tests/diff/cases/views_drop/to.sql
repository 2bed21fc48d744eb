-- DROP VIEW.
CREATE TABLE film (id integer, title text);
