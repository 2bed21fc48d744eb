-- Without the pragma a rename is a drop and an add, with a hint to declare it.
CREATE TABLE users (id integer NOT NULL, email text);
-- Undeclared, a schema rename is a new schema: hints name both pragmas that keep the rows.
CREATE SCHEMA accounts;
CREATE TABLE accounts.invoices (id int, total numeric);
