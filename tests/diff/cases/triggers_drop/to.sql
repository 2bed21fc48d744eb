-- DROP TRIGGER.
CREATE TABLE film (id integer);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $function$BEGIN RETURN NEW; END$function$;
