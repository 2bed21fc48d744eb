DROP INDEX public.docs_upper_body;
ALTER INDEX public.docs_lower_body ALTER COLUMN 2 SET STATISTICS -1;
