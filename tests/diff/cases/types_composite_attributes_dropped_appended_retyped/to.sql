-- Composite attributes are dropped, retyped and appended in place.
CREATE TYPE p AS (a bigint, c date);
