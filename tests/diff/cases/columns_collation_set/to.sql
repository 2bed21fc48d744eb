-- A collation change is an ALTER TYPE with COLLATE.
CREATE TABLE users (id integer NOT NULL, name text COLLATE "C");
