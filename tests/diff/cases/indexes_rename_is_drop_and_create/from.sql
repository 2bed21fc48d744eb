CREATE TABLE users (email text);
CREATE INDEX a_idx ON users (email);
