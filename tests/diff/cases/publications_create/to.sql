CREATE SCHEMA audit;
CREATE TABLE orders (id integer PRIMARY KEY, total numeric, secret text);
CREATE TABLE audit.events (id integer PRIMARY KEY);
CREATE PUBLICATION orders_feed FOR TABLE orders (id, total) WHERE (total > 0) WITH (publish = 'insert, update');
CREATE PUBLICATION audit_feed FOR TABLES IN SCHEMA audit;
CREATE PUBLICATION everything FOR ALL TABLES WITH (publish_via_partition_root = true);
