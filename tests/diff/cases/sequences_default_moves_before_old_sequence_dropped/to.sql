-- A default moves to another sequence before the old one is dropped.
CREATE SEQUENCE other_seq;
CREATE TABLE film (film_id integer NOT NULL DEFAULT nextval('other_seq'));
