ALTER TABLE public.prices ALTER COLUMN amount TYPE numeric(6,2);
