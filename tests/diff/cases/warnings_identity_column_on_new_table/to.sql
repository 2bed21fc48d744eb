-- An identity column on a new table: no warning.
CREATE TABLE users (id integer NOT NULL, email text, n bigint GENERATED ALWAYS AS IDENTITY);
