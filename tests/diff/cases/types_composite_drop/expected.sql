DROP TYPE public.pair;
