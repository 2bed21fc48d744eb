-- Without the pragma a rename is a drop and an add, with a hint to declare it.
CREATE TABLE users (id integer NOT NULL, email text);
