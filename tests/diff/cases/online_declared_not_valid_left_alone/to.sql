-- A constraint declared NOT VALID is added as declared, never validated.
CREATE TABLE users (id integer NOT NULL, email text);
ALTER TABLE users ADD CONSTRAINT email_check CHECK (email <> '') NOT VALID;
