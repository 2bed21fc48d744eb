ALTER TABLE public.loose OF public.pair;
CREATE TABLE public.pairs OF public.pair (
    a WITH OPTIONS DEFAULT 0 NOT NULL
);
ALTER TABLE public.pairs ADD CONSTRAINT pairs_pkey PRIMARY KEY (a);
COMMENT ON TABLE public.pairs IS 'typed';
