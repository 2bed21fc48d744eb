-- An index whose definition changes is dropped and created.
CREATE TABLE users (email text);
CREATE UNIQUE INDEX users_email_idx ON users (lower(email));
