-- Dropping a materialized view loses only derived data: not destructive.
CREATE TABLE film (id integer, title text);
