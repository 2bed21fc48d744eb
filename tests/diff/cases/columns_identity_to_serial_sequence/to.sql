-- DROP IDENTITY runs in the drop phase, so that a serial-style sequence can take the name of the
-- identity's.
CREATE SEQUENCE users_number_seq AS integer;
CREATE TABLE users (id integer NOT NULL, number integer NOT NULL DEFAULT nextval('users_number_seq'));
