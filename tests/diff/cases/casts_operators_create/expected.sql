SET check_function_bodies = false;
CREATE OR REPLACE FUNCTION public.pair_differ(public.pair, public.pair)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT NOT pair_same($1, $2) $function$;
CREATE OR REPLACE FUNCTION public.pair_flip(public.pair)
 RETURNS public.pair
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT ROW($1.b, $1.a)::pair $function$;
CREATE OR REPLACE FUNCTION public.pair_same(public.pair, public.pair)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT $1.a = $2.a AND $1.b = $2.b $function$;
CREATE OR REPLACE FUNCTION public.pair_text(public.pair)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT $1.a || ':' || $1.b $function$;
CREATE CAST (public.pair AS bigint) WITH INOUT;
CREATE CAST (public.pair AS text) WITH FUNCTION public.pair_text(public.pair) AS ASSIGNMENT;
CREATE OPERATOR public.!~= (FUNCTION = public.pair_differ, LEFTARG = public.pair, RIGHTARG = public.pair, COMMUTATOR = OPERATOR(public.!~=), NEGATOR = OPERATOR(public.~=));
CREATE OPERATOR public.~ (FUNCTION = public.pair_flip, RIGHTARG = public.pair);
CREATE OPERATOR public.~= (FUNCTION = public.pair_same, LEFTARG = public.pair, RIGHTARG = public.pair, COMMUTATOR = OPERATOR(public.~=), NEGATOR = OPERATOR(public.!~=), RESTRICT = eqsel, JOIN = eqjoinsel);
CREATE VIEW public.twins AS
 SELECT x.id,
    y.id AS twin
   FROM public.pairs x
     JOIN public.pairs y ON x.p OPERATOR(public.~=) (OPERATOR(public.~) y.p);
COMMENT ON CAST (public.pair AS text) IS 'a:b';
COMMENT ON OPERATOR public.~= (public.pair, public.pair) IS 'same pair';
