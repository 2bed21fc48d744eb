ALTER TABLE public.payment DETACH PARTITION public.payment_2024;
