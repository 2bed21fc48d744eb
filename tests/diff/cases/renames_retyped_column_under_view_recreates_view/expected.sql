ALTER TABLE public.users RENAME COLUMN mail TO email;
DROP VIEW public.mails;
ALTER TABLE public.users ALTER COLUMN email TYPE character varying(100);
CREATE VIEW public.mails AS
 SELECT users.email
   FROM public.users;
