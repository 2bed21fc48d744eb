ALTER TABLE public.child ADD COLUMN name text;
ALTER TABLE public.child INHERIT public.parent;
