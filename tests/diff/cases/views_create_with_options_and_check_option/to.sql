-- CREATE VIEW with its options and its check option.
CREATE TABLE film (id integer, title text);
CREATE VIEW titles WITH (security_barrier=true) AS SELECT id, title FROM film WITH CASCADED CHECK OPTION;
