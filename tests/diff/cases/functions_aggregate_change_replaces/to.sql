-- A changed aggregate is CREATE OR REPLACE AGGREGATE.
CREATE AGGREGATE total(integer) (SFUNC = int4_sum, STYPE = bigint, INITCOND = '0');
