ALTER TABLE ONLY public.film ALTER COLUMN film_id DROP DEFAULT;
DROP SEQUENCE public.film_id_seq;
