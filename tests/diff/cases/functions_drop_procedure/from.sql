CREATE PROCEDURE tidy() LANGUAGE sql AS $procedure$ SELECT 1 $procedure$;
