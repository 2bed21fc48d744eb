-- The hand-written way to remove an enum value.
ALTER TYPE shipping RENAME TO shipping_old;
CREATE TYPE shipping AS ENUM ('standard', 'express');
ALTER TABLE orders ALTER COLUMN shipping DROP DEFAULT;
ALTER TABLE orders ALTER COLUMN shipping TYPE shipping USING shipping::text::shipping;
ALTER TABLE orders ALTER COLUMN shipping SET DEFAULT 'standard';
DROP TYPE shipping_old;
