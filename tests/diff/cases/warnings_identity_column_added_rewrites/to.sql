-- An identity column added to an existing table rewrites it.
CREATE TABLE users (id integer NOT NULL, email text, n bigint GENERATED ALWAYS AS IDENTITY);
