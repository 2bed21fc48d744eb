-- A column dropped from a parent goes from its children too.
CREATE TABLE parent (id integer);
CREATE TABLE child () INHERITS (parent);
