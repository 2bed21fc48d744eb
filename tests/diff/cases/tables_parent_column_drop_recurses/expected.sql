ALTER TABLE public.parent DROP COLUMN note;
