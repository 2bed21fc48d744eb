-- A NOT VALID constraint made valid is validated in place.
CREATE TABLE users (email text, CONSTRAINT email_check CHECK (email <> ''));
