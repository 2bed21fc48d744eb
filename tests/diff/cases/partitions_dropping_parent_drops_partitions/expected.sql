DROP TABLE public.payment;
