ALTER TABLE public.orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES public.users(id) NOT VALID;
ALTER TABLE public.users ADD CONSTRAINT email_check CHECK ((email <> ''::text)) NOT VALID;
ALTER TABLE public.orders VALIDATE CONSTRAINT orders_user_fk;
ALTER TABLE public.users VALIDATE CONSTRAINT email_check;
