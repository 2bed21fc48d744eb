DROP TABLE public.aaa;
DROP TYPE public.zzz;
