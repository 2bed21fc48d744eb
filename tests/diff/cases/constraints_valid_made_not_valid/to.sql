-- A valid constraint declared NOT VALID is dropped and added NOT VALID.
CREATE TABLE users (email text);
ALTER TABLE users ADD CONSTRAINT email_check CHECK (email <> '') NOT VALID;
