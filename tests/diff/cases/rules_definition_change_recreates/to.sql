-- A rule whose definition changes is dropped and created.
CREATE TABLE film (id integer);
CREATE RULE no_delete AS ON UPDATE TO film DO INSTEAD NOTHING;
