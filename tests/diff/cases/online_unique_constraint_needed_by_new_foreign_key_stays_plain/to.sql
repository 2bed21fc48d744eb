-- A UNIQUE constraint that a new foreign key needs stays in the transaction.
CREATE TABLE users (id integer NOT NULL, email text, CONSTRAINT users_email_key UNIQUE (email));
CREATE TABLE orders (email text, CONSTRAINT orders_email_fk FOREIGN KEY (email) REFERENCES users (email));
