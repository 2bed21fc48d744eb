-- The safe way to add a required column: a constant default is stored once (PostgreSQL 11+).
ALTER TABLE customers ADD COLUMN tier text NOT NULL DEFAULT 'basic';
ALTER TABLE customers ADD COLUMN referrer integer;
ALTER TABLE customers ADD CONSTRAINT customers_referrer_fk FOREIGN KEY (referrer) REFERENCES customers (id) NOT VALID;
