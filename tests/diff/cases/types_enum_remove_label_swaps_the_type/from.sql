CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE people (id int PRIMARY KEY, feeling mood NOT NULL DEFAULT 'ok', history mood[],
                     CHECK (feeling <> 'sad'));
CREATE INDEX people_happy ON people (id) WHERE feeling = 'happy';
CREATE INDEX people_feeling ON people (feeling);
CREATE VIEW moods AS SELECT feeling, count(*) FROM people GROUP BY feeling;
CREATE FUNCTION cheer(m mood) RETURNS mood LANGUAGE sql AS $$ SELECT m $$;
ALTER TYPE mood OWNER TO reader;
REVOKE USAGE ON TYPE mood FROM PUBLIC;
