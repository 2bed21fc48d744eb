ALTER TABLE public.users ADD COLUMN level integer DEFAULT 0 NOT NULL;
