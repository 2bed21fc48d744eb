-- CREATE SEQUENCE with its type.
CREATE SEQUENCE film_id_seq;
