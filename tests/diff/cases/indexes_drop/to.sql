-- DROP INDEX.
CREATE TABLE users (email text);
