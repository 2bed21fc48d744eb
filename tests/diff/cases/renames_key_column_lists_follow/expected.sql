ALTER TABLE public.users RENAME COLUMN id TO key;
ALTER TABLE public.users RENAME COLUMN mail TO email;
