CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE people (id int PRIMARY KEY, feeling mood NOT NULL DEFAULT 'ok' CHECK (feeling <> 'sad'));
CREATE VIEW fine_people AS SELECT id FROM people WHERE feeling = 'ok';
