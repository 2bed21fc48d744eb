CREATE TABLE parent (id integer);
CREATE TABLE child (id integer);
