-- A label renamed with its pragma: RENAME VALUE keeps every row's value; the default, the CHECK
-- and the view that name it are already what PostgreSQL prints after it.
-- strata:renamed-label ok fine
CREATE TYPE mood AS ENUM ('sad', 'fine', 'happy');
CREATE TABLE people (id int PRIMARY KEY, feeling mood NOT NULL DEFAULT 'fine' CHECK (feeling <> 'sad'));
CREATE VIEW fine_people AS SELECT id FROM people WHERE feeling = 'fine';
