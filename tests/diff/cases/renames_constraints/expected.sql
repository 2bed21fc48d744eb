ALTER TABLE public.customers RENAME CONSTRAINT customers_email_key TO customers_email_unique;
ALTER TABLE public.customers RENAME CONSTRAINT customers_pk TO customers_pkey;
ALTER TABLE public.orders RENAME CONSTRAINT orders_customer_fk TO orders_customer_fkey;
ALTER TABLE public.orders RENAME CONSTRAINT total_positive TO orders_total_positive;
