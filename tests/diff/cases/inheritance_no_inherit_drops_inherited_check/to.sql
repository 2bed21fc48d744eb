-- NO INHERIT leaves the inherited CHECK (and columns) on the child as its own: the CHECK goes.
CREATE TABLE parent (id integer, CONSTRAINT positive CHECK (id > 0));
CREATE TABLE child (id integer, note text);
