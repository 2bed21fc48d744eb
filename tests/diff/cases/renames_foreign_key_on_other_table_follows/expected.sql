ALTER TABLE public.users RENAME TO accounts;
