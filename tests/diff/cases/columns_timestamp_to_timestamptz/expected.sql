ALTER TABLE public.users ALTER COLUMN seen TYPE timestamp with time zone USING seen::timestamp with time zone;
