-- Column order is not compared: nothing to do.
CREATE TABLE users (email text, id integer NOT NULL);
