DROP DOMAIN public.d;
CREATE DOMAIN public.d AS bigint;
