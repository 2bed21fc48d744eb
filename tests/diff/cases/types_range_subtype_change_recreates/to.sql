-- A range type with a new subtype is recreated.
CREATE TYPE span AS RANGE (SUBTYPE = bigint, MULTIRANGE_TYPE_NAME = spans);
