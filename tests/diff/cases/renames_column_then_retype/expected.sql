ALTER TABLE public.users RENAME COLUMN mail TO email;
ALTER TABLE public.users ALTER COLUMN email TYPE character varying(200);
