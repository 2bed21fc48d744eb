-- A constraint whose definition changes is dropped and added.
CREATE TABLE users (email text, CONSTRAINT email_check CHECK (length(email) > 3));
