-- A generated column becomes an ordinary one in place.
CREATE TABLE users (id integer NOT NULL, total integer);
