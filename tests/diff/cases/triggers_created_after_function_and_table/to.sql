-- A trigger is created after its function and its table.
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $function$BEGIN RETURN NEW; END$function$;
CREATE TABLE film (id integer);
CREATE TRIGGER touched BEFORE UPDATE ON film FOR EACH ROW EXECUTE FUNCTION touch();
