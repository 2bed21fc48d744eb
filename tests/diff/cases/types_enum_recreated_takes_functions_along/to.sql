-- Functions using a recreated type are recreated around it.
CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE FUNCTION cheer(m mood) RETURNS mood LANGUAGE sql AS $$ SELECT m $$;
