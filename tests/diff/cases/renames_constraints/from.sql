CREATE TABLE customers (id int, email text, CONSTRAINT customers_pk PRIMARY KEY (id),
                        CONSTRAINT customers_email_key UNIQUE (email));
CREATE TABLE orders (id int PRIMARY KEY, customer int, total numeric,
                     CONSTRAINT total_positive CHECK (total > 0));
ALTER TABLE ONLY orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer) REFERENCES customers (id);
