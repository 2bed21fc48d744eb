DROP TABLE public.fresh;
ALTER TABLE public.orders ALTER COLUMN customer SET STATISTICS -1;
ALTER TABLE public.orders ALTER COLUMN status RESET (n_distinct);
