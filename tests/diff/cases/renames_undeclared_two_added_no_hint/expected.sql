ALTER TABLE public.users DROP COLUMN mail;
ALTER TABLE public.users ADD COLUMN email text;
ALTER TABLE public.users ADD COLUMN other text;
