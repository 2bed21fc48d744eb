-- Column changes on a parent recurse to its children.
CREATE TABLE parent (id bigint, note text);
CREATE TABLE child () INHERITS (parent);
