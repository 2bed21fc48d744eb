-- A narrowing casts with USING and is destructive.
CREATE TABLE users (id integer NOT NULL, name character varying(20));
