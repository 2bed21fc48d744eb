-- TOAST reloptions are the table's options (toast.*).
CREATE TABLE documents (id integer PRIMARY KEY, body text) WITH (toast.autovacuum_enabled = false, fillfactor = 90);
CREATE TABLE blobs (id integer, data bytea) WITH (toast_tuple_target = 256, toast.autovacuum_vacuum_scale_factor = 0.05);
