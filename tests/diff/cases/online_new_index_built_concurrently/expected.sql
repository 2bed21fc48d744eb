CREATE UNIQUE INDEX CONCURRENTLY users_email_idx ON public.users USING btree (email);
COMMENT ON INDEX public.users_email_idx IS 'unique';
