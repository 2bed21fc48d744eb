ALTER TABLE public.users ALTER COLUMN name TYPE character varying(20);
