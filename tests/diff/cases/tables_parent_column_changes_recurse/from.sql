CREATE TABLE parent (id integer);
CREATE TABLE child () INHERITS (parent);
