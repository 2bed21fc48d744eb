ALTER TABLE public.users RENAME TO accounts;
ALTER TABLE public.accounts RENAME COLUMN mail TO email;
CREATE OR REPLACE VIEW public.mails AS
 SELECT accounts.email AS mail
   FROM public.accounts;
ALTER TABLE public.accounts DISABLE TRIGGER audit;
