CREATE SEQUENCE public.film_id_seq AS bigint;
