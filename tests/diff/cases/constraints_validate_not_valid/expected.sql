ALTER TABLE public.users VALIDATE CONSTRAINT email_check;
