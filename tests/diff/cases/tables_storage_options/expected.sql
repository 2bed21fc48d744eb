ALTER TABLE public.t RESET (autovacuum_enabled);
ALTER TABLE public.t SET (fillfactor=80, toast_tuple_target=256);
