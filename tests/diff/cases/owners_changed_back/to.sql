CREATE SCHEMA app;
CREATE TABLE app.t (id serial PRIMARY KEY, name text);
CREATE VIEW app.v AS SELECT id, name FROM app.t;
CREATE FUNCTION app.f() RETURNS int LANGUAGE sql SECURITY DEFINER AS 'select 1';
CREATE TYPE app.mood AS ENUM ('sad', 'ok');
GRANT SELECT ON app.t TO reader;
