-- Removing a label that columns may hold, and moving another, swaps the type under them: the
-- columns (an array too) are converted in place, and the default, CHECK, partial index, view and
-- function that name the type are recreated around it; the new type gets the old one's owner and
-- privileges. A row holding 'ok' makes it fail.
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE people (id int PRIMARY KEY, feeling mood NOT NULL DEFAULT 'happy', history mood[],
                     CHECK (feeling <> 'sad'));
CREATE INDEX people_happy ON people (id) WHERE feeling = 'happy';
CREATE INDEX people_feeling ON people (feeling);
CREATE VIEW moods AS SELECT feeling, count(*) FROM people GROUP BY feeling;
CREATE FUNCTION cheer(m mood) RETURNS mood LANGUAGE sql AS $$ SELECT m $$;
ALTER TYPE mood OWNER TO reader;
REVOKE USAGE ON TYPE mood FROM PUBLIC;
