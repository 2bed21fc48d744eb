-- A typed table with column options and a key; a plain table whose columns match the type
-- becomes typed (OF), in place.
CREATE TYPE pair AS (a int, b text);
CREATE TABLE pairs OF pair (a WITH OPTIONS NOT NULL DEFAULT 0, PRIMARY KEY (a));
COMMENT ON TABLE pairs IS 'typed';
CREATE TABLE loose OF pair;
