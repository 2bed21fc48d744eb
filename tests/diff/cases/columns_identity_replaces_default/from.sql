CREATE SEQUENCE number_seq AS integer;
CREATE TABLE users (id integer NOT NULL, number integer NOT NULL DEFAULT nextval('number_seq'));
