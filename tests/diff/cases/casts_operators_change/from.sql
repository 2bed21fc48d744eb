-- A cast and a pair of operators on a composite type, and a view that uses one.
CREATE TYPE pair AS (a int, b int);
CREATE TABLE pairs (id int PRIMARY KEY, p pair);
CREATE FUNCTION pair_text(pair) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT $1.a || ':' || $1.b $$;
CREATE CAST (pair AS text) WITH FUNCTION pair_text(pair) AS ASSIGNMENT;
CREATE CAST (pair AS int8) WITH INOUT;
CREATE FUNCTION pair_same(pair, pair) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT $1.a = $2.a AND $1.b = $2.b $$;
CREATE FUNCTION pair_differ(pair, pair) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT NOT pair_same($1, $2) $$;
CREATE FUNCTION pair_flip(pair) RETURNS pair LANGUAGE sql IMMUTABLE AS $$ SELECT ROW($1.b, $1.a)::pair $$;
CREATE OPERATOR ~= (LEFTARG = pair, RIGHTARG = pair, FUNCTION = pair_same, COMMUTATOR = ~=, NEGATOR = !~=,
                    RESTRICT = eqsel, JOIN = eqjoinsel);
CREATE OPERATOR !~= (LEFTARG = pair, RIGHTARG = pair, FUNCTION = pair_differ, COMMUTATOR = !~=, NEGATOR = ~=);
CREATE OPERATOR ~ (RIGHTARG = pair, FUNCTION = pair_flip);
COMMENT ON OPERATOR ~= (pair, pair) IS 'same pair';
COMMENT ON CAST (pair AS text) IS 'a:b';
CREATE VIEW twins AS SELECT x.id, y.id AS twin FROM pairs x JOIN pairs y ON x.p ~= ~ y.p;
