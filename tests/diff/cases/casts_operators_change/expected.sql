SET check_function_bodies = false;
DROP VIEW public.twins;
DROP CAST (public.pair AS bigint);
DROP CAST (public.pair AS text);
DROP OPERATOR public.~ (NONE, public.pair);
DROP FUNCTION public.pair_flip(public.pair);
CREATE OR REPLACE FUNCTION public.pair_swap(public.pair)
 RETURNS public.pair
 LANGUAGE sql
 IMMUTABLE
AS $function$ SELECT ROW($1.b, $1.a)::pair $function$;
CREATE CAST (public.pair AS text) WITH FUNCTION public.pair_text(public.pair) AS IMPLICIT;
CREATE OPERATOR public.~ (FUNCTION = public.pair_swap, RIGHTARG = public.pair);
CREATE VIEW public.twins AS
 SELECT x.id,
    y.id AS twin
   FROM public.pairs x
     JOIN public.pairs y ON x.p OPERATOR(public.~=) (OPERATOR(public.~) y.p);
COMMENT ON CAST (public.pair AS text) IS 'a:b';
ALTER OPERATOR public.~= (public.pair, public.pair) OWNER TO app_owner;
