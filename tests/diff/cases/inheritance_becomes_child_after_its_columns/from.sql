CREATE TABLE parent (id integer, name text);
CREATE TABLE child (id integer);
