DROP INDEX public.users_email_idx;
ALTER TABLE public.users DROP COLUMN email;
