CREATE TABLE users (id integer NOT NULL, active boolean DEFAULT true);
