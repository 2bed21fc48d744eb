ALTER TABLE public.child NO INHERIT public.parent;
ALTER TABLE public.child DROP CONSTRAINT positive;
