-- ... and NO INHERIT.
CREATE TABLE parent (id integer);
CREATE TABLE child (id integer);
