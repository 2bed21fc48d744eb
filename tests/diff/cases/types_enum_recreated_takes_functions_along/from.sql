CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE FUNCTION cheer(m mood) RETURNS mood LANGUAGE sql AS $$ SELECT m $$;
