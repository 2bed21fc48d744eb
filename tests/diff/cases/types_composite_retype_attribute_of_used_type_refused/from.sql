CREATE TYPE p AS (a integer);
CREATE TABLE t (c p);
