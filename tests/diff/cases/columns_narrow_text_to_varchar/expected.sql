ALTER TABLE public.codes ALTER COLUMN code TYPE character varying(3);
