ALTER TABLE public.child NO INHERIT public.parent;
