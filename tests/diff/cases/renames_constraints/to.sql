-- Declared renames of constraints, in CREATE TABLE and in ALTER TABLE ... ADD CONSTRAINT (as
-- pg_dump writes them): a primary key (its index follows, the foreign key on it stays), a unique
-- key, a CHECK and a foreign key.
CREATE TABLE customers (id int,
                        email text,
                        -- strata:renamed-from customers_pk
                        CONSTRAINT customers_pkey PRIMARY KEY (id),
                        -- strata:renamed-from customers_email_key
                        CONSTRAINT customers_email_unique UNIQUE (email));
CREATE TABLE orders (id int PRIMARY KEY, customer int, total numeric,
                     -- strata:renamed-from total_positive
                     CONSTRAINT orders_total_positive CHECK (total > 0));
-- strata:renamed-from orders_customer_fk
ALTER TABLE ONLY orders ADD CONSTRAINT orders_customer_fkey FOREIGN KEY (customer) REFERENCES customers (id);
