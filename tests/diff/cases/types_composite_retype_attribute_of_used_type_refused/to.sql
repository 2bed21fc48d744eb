-- Retyping an attribute of a type a column uses is refused.
CREATE TYPE p AS (a bigint);
CREATE TABLE t (c p);
