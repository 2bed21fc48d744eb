-- CREATE TYPE ... AS RANGE with its multirange type's name.
CREATE TYPE span AS RANGE (SUBTYPE = integer, MULTIRANGE_TYPE_NAME = spans);
