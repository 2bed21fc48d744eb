DROP INDEX public.users_email_idx;
CREATE UNIQUE INDEX users_email_idx ON public.users USING btree (lower(email));
