-- DROP RULE.
CREATE TABLE film (id integer);
