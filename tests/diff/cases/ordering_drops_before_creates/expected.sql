DROP TABLE public.old;
CREATE TABLE public.new (
);
