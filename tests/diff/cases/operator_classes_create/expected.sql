SET check_function_bodies = false;
CREATE OR REPLACE FUNCTION public.int4_rev_cmp(integer, integer)
 RETURNS integer
 LANGUAGE sql
 IMMUTABLE
AS $function$SELECT btint4cmp($2, $1)$function$;
CREATE OPERATOR FAMILY public.int4_rev_ops USING btree;
CREATE OPERATOR CLASS public.int4_rev_ops FOR TYPE integer USING btree FAMILY public.int4_rev_ops AS FUNCTION 1 (integer, integer) public.int4_rev_cmp(integer,integer), OPERATOR 1 >(integer,integer), OPERATOR 2 >=(integer,integer), OPERATOR 3 =(integer,integer), OPERATOR 4 <=(integer,integer), OPERATOR 5 <(integer,integer);
CREATE OPERATOR FAMILY public.int_hash USING hash;
ALTER OPERATOR FAMILY public.int_hash USING hash ADD FUNCTION 1 (integer, integer) hashint4(integer), OPERATOR 1 =(integer,integer);
CREATE INDEX t_a_rev ON public.t USING btree (a public.int4_rev_ops);
COMMENT ON OPERATOR CLASS public.int4_rev_ops USING btree IS 'largest first';
