-- ALTER SEQUENCE sets only what changed.
CREATE SEQUENCE film_id_seq AS integer INCREMENT BY 5 CYCLE;
