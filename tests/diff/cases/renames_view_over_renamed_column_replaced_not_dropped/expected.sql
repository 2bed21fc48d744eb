ALTER TABLE public.users RENAME COLUMN mail TO email;
CREATE OR REPLACE VIEW public.emails AS
 SELECT users.email
   FROM public.users;
