DROP TABLE public.orders;
DROP TABLE public.users;
