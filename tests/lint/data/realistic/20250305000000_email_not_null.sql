UPDATE customers SET email = '' WHERE email IS NULL;
ALTER TABLE customers ALTER COLUMN email SET NOT NULL;
