ALTER TABLE customers ADD CONSTRAINT customers_name_not_null CHECK (name IS NOT NULL) NOT VALID;
ALTER TABLE customers ADD CONSTRAINT customers_phone_not_null CHECK (phone_number IS NOT NULL) NOT VALID;
