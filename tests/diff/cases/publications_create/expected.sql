CREATE PUBLICATION audit_feed FOR TABLES IN SCHEMA audit WITH (publish = 'insert, update, delete, truncate', publish_via_partition_root = false);
CREATE PUBLICATION everything FOR ALL TABLES WITH (publish = 'insert, update, delete, truncate', publish_via_partition_root = true);
CREATE PUBLICATION orders_feed FOR TABLE public.orders (id, total) WHERE ((total > (0)::numeric)) WITH (publish = 'insert, update', publish_via_partition_root = false);
