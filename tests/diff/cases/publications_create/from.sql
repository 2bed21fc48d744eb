CREATE SCHEMA audit;
CREATE TABLE orders (id integer PRIMARY KEY, total numeric, secret text);
CREATE TABLE audit.events (id integer PRIMARY KEY);
