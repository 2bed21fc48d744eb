-- A new inheritance child lists only its own columns; the parent's check is inherited.
CREATE TABLE parent (id integer, CONSTRAINT positive CHECK (id > 0));
CREATE TABLE child (extra text) INHERITS (parent);
