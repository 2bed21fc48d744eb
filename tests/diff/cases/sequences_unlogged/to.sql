-- Unlogged sequences (PostgreSQL 15).
CREATE UNLOGGED SEQUENCE cache_seq;
CREATE UNLOGGED SEQUENCE scratch_seq;
