ALTER INDEX public.docs_lower_body ALTER COLUMN 2 SET STATISTICS 400;
CREATE INDEX docs_upper_body ON public.docs USING btree (upper(body));
ALTER INDEX public.docs_upper_body ALTER COLUMN 1 SET STATISTICS 50;
