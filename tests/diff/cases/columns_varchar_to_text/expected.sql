ALTER TABLE public.users ALTER COLUMN name TYPE text;
