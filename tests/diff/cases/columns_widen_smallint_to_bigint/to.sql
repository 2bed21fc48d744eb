-- A lossless widening needs no USING and is not destructive.
CREATE TABLE users (id integer NOT NULL, count bigint);
