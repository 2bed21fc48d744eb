-- A changed default is set again.
CREATE TABLE users (id integer NOT NULL, email text DEFAULT '');
