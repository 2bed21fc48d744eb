ALTER TABLE public.users DROP COLUMN mail;
DROP TABLE billing.invoices;
DROP SCHEMA billing;
CREATE SCHEMA accounts;
CREATE TABLE accounts.invoices (
    id integer,
    total numeric
);
ALTER TABLE public.users ADD COLUMN email text;
