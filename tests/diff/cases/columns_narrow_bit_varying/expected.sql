ALTER TABLE public.flags ALTER COLUMN bits TYPE bit varying(4);
