-- An extension is created after its schema.
CREATE SCHEMA gis;
CREATE EXTENSION citext WITH SCHEMA gis VERSION '1.6';
