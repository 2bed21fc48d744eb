ALTER TABLE public.users ADD CONSTRAINT users_pkey PRIMARY KEY (id);
