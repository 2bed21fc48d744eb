CREATE TABLE users (email text, CONSTRAINT email_check CHECK (email <> ''));
