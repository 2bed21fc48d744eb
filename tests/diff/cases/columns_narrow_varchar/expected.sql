ALTER TABLE public.users ALTER COLUMN name TYPE character varying(20) USING name::character varying(20);
