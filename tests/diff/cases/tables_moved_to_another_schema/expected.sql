ALTER TABLE public.orders SET SCHEMA sales;
