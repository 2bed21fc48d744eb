CREATE TABLE payment (
  id integer NOT NULL,
  paid_on date NOT NULL,
  CONSTRAINT payment_pkey PRIMARY KEY (id, paid_on)
) PARTITION BY RANGE (paid_on);
CREATE INDEX payment_paid_on_idx ON payment (paid_on);

CREATE TABLE payment_2024 (
  id integer NOT NULL,
  paid_on date NOT NULL,
  CONSTRAINT payment_2024_pkey PRIMARY KEY (id, paid_on)
);
CREATE INDEX payment_2024_paid_on_idx ON payment_2024 (paid_on);
