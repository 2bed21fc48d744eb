-- A default lets go of its sequence before it is dropped.
CREATE TABLE film (film_id integer NOT NULL);
