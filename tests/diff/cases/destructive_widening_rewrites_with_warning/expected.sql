ALTER TABLE public.accounts ALTER COLUMN id TYPE bigint;
