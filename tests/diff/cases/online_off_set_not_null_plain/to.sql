-- Without the online option: plain SET NOT NULL, with its warning.
CREATE TABLE users (id integer NOT NULL, email text NOT NULL);
