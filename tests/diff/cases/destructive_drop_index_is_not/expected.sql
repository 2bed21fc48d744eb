DROP INDEX public.i;
