CREATE TABLE users (id integer NOT NULL, name character varying(20));
