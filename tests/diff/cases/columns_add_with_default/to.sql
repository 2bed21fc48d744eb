-- A new column carries its default, so that existing rows get it.
CREATE TABLE users (id integer NOT NULL, active boolean NOT NULL DEFAULT true);
