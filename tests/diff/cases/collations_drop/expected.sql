ALTER TABLE public.users DROP COLUMN email;
DROP COLLATION public.c_binary;
DROP COLLATION public.ci;
