-- An index that goes with its column is not dropped on its own.
CREATE TABLE users (id integer NOT NULL);
