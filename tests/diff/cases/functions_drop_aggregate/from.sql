CREATE AGGREGATE total(integer) (SFUNC = int4_sum, STYPE = bigint);
