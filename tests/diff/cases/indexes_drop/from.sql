CREATE TABLE users (email text);
CREATE INDEX users_email_idx ON users (email);
