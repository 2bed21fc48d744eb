-- A new generation expression drops and adds the column: destructive, with a warning.
CREATE TABLE users (id integer NOT NULL, total integer GENERATED ALWAYS AS (id * 3) STORED);
