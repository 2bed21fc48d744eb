-- varchar to text needs no USING.
CREATE TABLE users (id integer NOT NULL, name text);
