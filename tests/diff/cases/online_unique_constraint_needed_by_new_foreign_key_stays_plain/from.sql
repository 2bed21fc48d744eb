CREATE TABLE users (id integer NOT NULL, email text);
CREATE TABLE orders (email text);
