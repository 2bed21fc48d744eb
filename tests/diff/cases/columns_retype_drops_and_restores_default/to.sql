-- PostgreSQL cannot always cast a default to the new type, so it is taken off first and set again
-- after.
CREATE TABLE users (id integer NOT NULL, code character(1) DEFAULT 'x');
