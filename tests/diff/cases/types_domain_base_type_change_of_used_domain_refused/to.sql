-- A new base type for a domain a column uses is refused.
CREATE DOMAIN d AS bigint;
CREATE TABLE t (c d);
