-- strata:no-transaction
ALTER TABLE customers VALIDATE CONSTRAINT customers_referrer_fk;
CREATE INDEX CONCURRENTLY customers_referrer ON customers (referrer);
