ALTER TABLE public.accounts ALTER COLUMN name TYPE text;
