DROP PROCEDURE public.tidy();
