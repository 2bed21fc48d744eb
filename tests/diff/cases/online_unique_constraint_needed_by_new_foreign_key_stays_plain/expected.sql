ALTER TABLE public.users ADD CONSTRAINT users_email_key UNIQUE (email);
ALTER TABLE public.orders ADD CONSTRAINT orders_email_fk FOREIGN KEY (email) REFERENCES public.users(email) NOT VALID;
ALTER TABLE public.orders VALIDATE CONSTRAINT orders_email_fk;
