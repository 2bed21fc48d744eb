CREATE TABLE users (id integer NOT NULL, total integer GENERATED ALWAYS AS (id * 2) STORED);
