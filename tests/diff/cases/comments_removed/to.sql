-- A removed comment is set to NULL.
CREATE TABLE film (id integer);
