-- Nullable: no warning.
CREATE TABLE users (id integer NOT NULL, email text, level integer);
