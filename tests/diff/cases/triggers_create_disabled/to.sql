-- A new disabled trigger: created, then disabled.
CREATE TABLE film (id integer);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $function$BEGIN RETURN NEW; END$function$;
CREATE TRIGGER touched BEFORE UPDATE ON film FOR EACH ROW EXECUTE FUNCTION touch();
ALTER TABLE film DISABLE TRIGGER touched;
