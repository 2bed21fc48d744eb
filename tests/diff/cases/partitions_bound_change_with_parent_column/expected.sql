ALTER TABLE public.events DETACH PARTITION public.events_2024;
ALTER TABLE public.events ADD COLUMN kind text;
ALTER TABLE public.events_2024 ADD COLUMN kind text;
ALTER TABLE ONLY public.events ATTACH PARTITION public.events_2024 FOR VALUES FROM ('2024-01-01') TO ('2026-01-01');
