-- A new index on an existing table is built CONCURRENTLY, its comment after it.
CREATE TABLE users (id integer NOT NULL, email text);
CREATE UNIQUE INDEX users_email_idx ON users (email);
COMMENT ON INDEX users_email_idx IS 'unique';
