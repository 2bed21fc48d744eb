DROP INDEX public.a_idx;
CREATE INDEX b_idx ON public.users USING btree (email);
