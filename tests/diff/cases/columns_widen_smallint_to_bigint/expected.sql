ALTER TABLE public.users ALTER COLUMN count TYPE bigint;
