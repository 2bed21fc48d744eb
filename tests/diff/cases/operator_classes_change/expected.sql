SET check_function_bodies = false;
DROP INDEX public.t_a_rev;
DROP OPERATOR CLASS public.int4_rev_ops USING btree;
CREATE OR REPLACE FUNCTION public.int4_rev_cmp2(integer, integer)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
AS $function$SELECT -btint4cmp($1, $2)$function$;
CREATE OPERATOR CLASS public.int4_rev_ops FOR TYPE integer USING btree FAMILY public.int4_rev_ops AS FUNCTION 1 (integer, integer) public.int4_rev_cmp2(integer,integer), OPERATOR 1 >(integer,integer), OPERATOR 2 >=(integer,integer), OPERATOR 3 =(integer,integer), OPERATOR 4 <=(integer,integer), OPERATOR 5 <(integer,integer);
ALTER OPERATOR FAMILY public.int_hash USING hash DROP FUNCTION 1 (integer, integer), OPERATOR 1 (integer, integer);
ALTER OPERATOR FAMILY public.int_hash USING hash ADD FUNCTION 1 (bigint, bigint) hashint8(bigint), OPERATOR 1 =(bigint,bigint);
CREATE INDEX t_a_rev ON public.t USING btree (a public.int4_rev_ops);
COMMENT ON OPERATOR CLASS public.int4_rev_ops USING btree IS 'largest first';
ALTER OPERATOR FAMILY public.int_hash USING hash OWNER TO app_owner;
