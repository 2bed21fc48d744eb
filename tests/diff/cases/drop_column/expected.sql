ALTER TABLE public.users DROP COLUMN mail;
