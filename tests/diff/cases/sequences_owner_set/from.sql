CREATE SEQUENCE film_id_seq;
CREATE TABLE film (film_id integer NOT NULL);
