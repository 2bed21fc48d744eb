DROP TABLE public.events;
CREATE TABLE public.events (
    at date
) PARTITION BY HASH (at);
