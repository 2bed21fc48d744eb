ALTER TABLE public.users RENAME COLUMN mail TO email;
