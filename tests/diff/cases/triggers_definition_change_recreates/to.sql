-- A trigger whose definition changes is dropped and created.
CREATE TABLE film (id integer);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $function$BEGIN RETURN NEW; END$function$;
CREATE TRIGGER touched BEFORE INSERT ON film FOR EACH ROW EXECUTE FUNCTION touch();
