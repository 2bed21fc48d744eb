CREATE TABLE public.payment (
    id integer NOT NULL,
    paid_on date NOT NULL
) PARTITION BY RANGE (paid_on);
CREATE TABLE public.payment_2024 (
    id integer NOT NULL,
    paid_on date NOT NULL
);
ALTER TABLE public.payment ADD CONSTRAINT payment_pkey PRIMARY KEY (id, paid_on);
ALTER TABLE public.payment_2024 ADD CONSTRAINT payment_2024_pkey PRIMARY KEY (id, paid_on);
CREATE INDEX payment_paid_on_idx ON ONLY public.payment USING btree (paid_on);
CREATE INDEX payment_2024_paid_on_idx ON public.payment_2024 USING btree (paid_on);
ALTER TABLE ONLY public.payment ATTACH PARTITION public.payment_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
