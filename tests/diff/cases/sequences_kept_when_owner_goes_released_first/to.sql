-- A sequence kept while its owner goes is released first.
CREATE SEQUENCE film_id_seq;
