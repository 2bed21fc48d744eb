CREATE TABLE public.fresh (
    id integer,
    kind text
);
ALTER TABLE ONLY public.fresh ALTER COLUMN kind SET STATISTICS 50;
ALTER TABLE ONLY public.fresh ALTER COLUMN kind SET (n_distinct='-0.5');
ALTER TABLE public.orders ALTER COLUMN customer SET STATISTICS 1000;
ALTER TABLE public.orders ALTER COLUMN status SET (n_distinct=5);
