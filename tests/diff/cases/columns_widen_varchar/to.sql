-- A longer varchar needs no USING.
CREATE TABLE users (id integer NOT NULL, name character varying(40));
