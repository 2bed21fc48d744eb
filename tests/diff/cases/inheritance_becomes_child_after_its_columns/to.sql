-- INHERIT needs every parent column on the child first.
CREATE TABLE parent (id integer, name text);
CREATE TABLE child () INHERITS (parent);
