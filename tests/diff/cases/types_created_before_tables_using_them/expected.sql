CREATE TYPE public.zzz AS ENUM ('a');
CREATE TABLE public.aaa (
    v public.zzz
);
