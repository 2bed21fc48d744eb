-- A check on a new table is created with it: nothing to validate.
CREATE TABLE users (id integer NOT NULL, email text, CONSTRAINT email_check CHECK (email <> ''));
