ALTER TABLE public.people ADD COLUMN zip text;
ALTER TABLE public.people ADD COLUMN city text;
ALTER TABLE public.people ADD COLUMN age integer;
ALTER TABLE public.people ADD COLUMN birthday date;
