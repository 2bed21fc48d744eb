ALTER TABLE public.addresses ALTER COLUMN city TYPE text;
