CREATE TYPE shipping AS ENUM ('standard', 'express', 'pickup');
ALTER TABLE orders ADD COLUMN shipping shipping NOT NULL DEFAULT 'standard';
