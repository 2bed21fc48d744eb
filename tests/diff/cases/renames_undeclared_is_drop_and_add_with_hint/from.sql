CREATE TABLE users (id integer NOT NULL, mail text);
CREATE SCHEMA billing;
CREATE TABLE billing.invoices (id int, total numeric);
