ALTER TABLE public.users ALTER COLUMN name TYPE text COLLATE pg_catalog."default";
