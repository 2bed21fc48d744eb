-- An index under another name is dropped and created.
CREATE TABLE users (email text);
CREATE INDEX b_idx ON users (email);
