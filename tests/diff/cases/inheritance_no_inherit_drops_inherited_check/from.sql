CREATE TABLE parent (id integer, CONSTRAINT positive CHECK (id > 0));
CREATE TABLE child (note text) INHERITS (parent);
