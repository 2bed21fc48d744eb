CREATE TABLE t () WITH (autovacuum_enabled=false, fillfactor=70);
