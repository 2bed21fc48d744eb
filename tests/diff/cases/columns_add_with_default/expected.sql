ALTER TABLE public.users ADD COLUMN active boolean DEFAULT true NOT NULL;
