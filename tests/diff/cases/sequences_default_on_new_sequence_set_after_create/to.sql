-- A default on a new sequence is set after it is created.
CREATE SEQUENCE other_seq;
CREATE TABLE film (film_id integer NOT NULL DEFAULT nextval('other_seq'));
