-- A dropped column takes its default along: no DROP DEFAULT.
CREATE TABLE users (id integer NOT NULL);
