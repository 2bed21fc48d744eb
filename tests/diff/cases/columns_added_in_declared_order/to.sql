-- New columns are added in the order they are declared, not by name.
CREATE TABLE people (id integer PRIMARY KEY, zip text, city text, age integer, birthday date);
