CREATE DOMAIN d AS integer;
CREATE TABLE t (c d);
