DROP SEQUENCE public.film_id_seq;
