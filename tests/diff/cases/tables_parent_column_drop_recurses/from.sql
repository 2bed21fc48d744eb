CREATE TABLE parent (id integer, note text);
CREATE TABLE child () INHERITS (parent);
