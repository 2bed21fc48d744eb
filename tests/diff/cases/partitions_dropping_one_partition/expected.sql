DROP TABLE public.payment_2024;
