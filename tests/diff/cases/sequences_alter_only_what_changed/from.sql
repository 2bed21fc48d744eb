CREATE SEQUENCE film_id_seq;
