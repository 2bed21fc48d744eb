-- Two columns added: no hint.
CREATE TABLE users (id integer NOT NULL, email text, other text);
