ALTER TABLE public.users DROP CONSTRAINT email_check;
ALTER TABLE public.users ADD CONSTRAINT email_check CHECK ((length(email) > 3));
