ALTER TABLE public.parent ALTER COLUMN id TYPE bigint;
ALTER TABLE public.parent ADD COLUMN note text;
