ALTER TABLE ONLY public.film ALTER COLUMN film_id DROP DEFAULT;
DROP SEQUENCE public.film_id_seq;
CREATE SEQUENCE public.other_seq AS bigint;
ALTER TABLE ONLY public.film ALTER COLUMN film_id SET DEFAULT nextval('public.other_seq'::regclass);
