-- A new base type for an unused domain recreates it.
CREATE DOMAIN d AS bigint;
