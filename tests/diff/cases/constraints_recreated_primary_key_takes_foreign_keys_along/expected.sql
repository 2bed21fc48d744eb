ALTER TABLE public.orders DROP CONSTRAINT orders_user_fk;
ALTER TABLE public.users DROP CONSTRAINT users_pkey;
ALTER TABLE public.users ADD CONSTRAINT users_id_key UNIQUE (id);
ALTER TABLE public.users ADD CONSTRAINT users_pkey PRIMARY KEY (id, email);
ALTER TABLE public.orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES public.users(id);
