CREATE SEQUENCE film_id_seq;
CREATE TABLE film (film_id integer NOT NULL DEFAULT nextval('film_id_seq'));
CREATE SEQUENCE other_seq;
