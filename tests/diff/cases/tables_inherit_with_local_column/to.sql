-- A table that comes to inherit from another, keeping its own (local) column: INHERIT.
CREATE TABLE parent (id integer);
CREATE TABLE child (id integer) INHERITS (parent);
