-- SET DEFAULT on an existing column.
CREATE TABLE users (id integer NOT NULL, email text DEFAULT 'unknown');
