ALTER TABLE ONLY public.film ALTER COLUMN film_id SET DEFAULT nextval('public.other_seq'::regclass);
DROP SEQUENCE public.film_id_seq;
