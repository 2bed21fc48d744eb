-- Per-column statistics targets and options (n_distinct) are modelled.
CREATE TABLE orders (id integer PRIMARY KEY, customer integer, status text);
ALTER TABLE orders ALTER COLUMN customer SET STATISTICS 1000;
ALTER TABLE orders ALTER COLUMN status SET (n_distinct = 5);
CREATE TABLE fresh (id integer, kind text);
ALTER TABLE fresh ALTER COLUMN kind SET STATISTICS 50, ALTER COLUMN kind SET (n_distinct = -0.5);
