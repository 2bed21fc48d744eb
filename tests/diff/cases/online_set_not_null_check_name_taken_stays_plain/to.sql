-- Plain SET NOT NULL when the check's name is taken.
CREATE TABLE users (id integer NOT NULL, email text NOT NULL, CONSTRAINT users_email_not_null CHECK (email <> ''));
