ALTER TABLE public.audit REPLICA IDENTITY FULL;
ALTER TABLE public.events CLUSTER ON events_pkey;
ALTER TABLE public.events REPLICA IDENTITY USING INDEX events_kind_at;
