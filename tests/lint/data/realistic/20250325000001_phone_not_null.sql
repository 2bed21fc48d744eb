-- strata:no-transaction
SET lock_timeout = '3s';
ALTER TABLE customers VALIDATE CONSTRAINT customers_phone_not_null;
ALTER TABLE customers ALTER COLUMN phone_number SET NOT NULL;
ALTER TABLE customers DROP CONSTRAINT customers_phone_not_null;
