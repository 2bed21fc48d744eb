-- A new bound: DETACH first, ATTACH last.
CREATE TABLE payment (
  id integer NOT NULL,
  paid_on date NOT NULL,
  CONSTRAINT payment_pkey PRIMARY KEY (id, paid_on)
) PARTITION BY RANGE (paid_on);
CREATE INDEX payment_paid_on_idx ON payment (paid_on);
CREATE TABLE payment_2024 PARTITION OF payment FOR VALUES FROM ('2024-01-01') TO ('2024-07-01');
