-- A dropped column is one statement, and destructive.
CREATE TABLE users (id integer NOT NULL);
