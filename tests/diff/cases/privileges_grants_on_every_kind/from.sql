CREATE SCHEMA app;
CREATE TABLE app.t (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text, n serial);
CREATE VIEW app.v AS SELECT id, name FROM app.t;
CREATE MATERIALIZED VIEW app.m AS SELECT id FROM app.t;
CREATE SEQUENCE app.s;
CREATE FUNCTION app.f(x int) RETURNS int LANGUAGE sql AS 'select x';
CREATE PROCEDURE app.p() LANGUAGE sql AS 'select 1';
CREATE TYPE app.mood AS ENUM ('sad', 'ok');
CREATE DOMAIN app.positive AS int CHECK (VALUE > 0);
