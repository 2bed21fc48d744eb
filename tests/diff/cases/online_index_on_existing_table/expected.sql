CREATE INDEX CONCURRENTLY users_email ON public.users USING btree (email);
