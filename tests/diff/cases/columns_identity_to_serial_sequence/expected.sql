ALTER TABLE public.users ALTER COLUMN number DROP IDENTITY;
CREATE SEQUENCE public.users_number_seq AS integer;
ALTER TABLE ONLY public.users ALTER COLUMN number SET DEFAULT nextval('public.users_number_seq'::regclass);
