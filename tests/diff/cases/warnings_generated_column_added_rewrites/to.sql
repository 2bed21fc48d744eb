-- A stored generated column added to an existing table rewrites it.
CREATE TABLE users (id integer NOT NULL, email text, mail_lower text GENERATED ALWAYS AS (lower(email)) STORED);
