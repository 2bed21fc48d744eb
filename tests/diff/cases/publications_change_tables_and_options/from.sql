CREATE TABLE orders (id integer PRIMARY KEY, total numeric);
CREATE TABLE refunds (id integer PRIMARY KEY);
CREATE PUBLICATION feed FOR TABLE orders;
