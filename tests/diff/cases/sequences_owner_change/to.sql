-- OWNED BY another column.
CREATE SEQUENCE film_id_seq;
CREATE TABLE film (film_id integer NOT NULL, other integer);
ALTER SEQUENCE film_id_seq OWNED BY film.other;
