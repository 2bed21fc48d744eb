ALTER SEQUENCE public.cache_seq SET UNLOGGED;
CREATE UNLOGGED SEQUENCE public.scratch_seq AS bigint;
