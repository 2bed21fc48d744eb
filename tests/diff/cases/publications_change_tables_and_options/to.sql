-- Tables and options change in place (a subscriber keeps its slot).
CREATE TABLE orders (id integer PRIMARY KEY, total numeric);
CREATE TABLE refunds (id integer PRIMARY KEY);
CREATE PUBLICATION feed FOR TABLE orders, refunds WITH (publish = 'insert');
