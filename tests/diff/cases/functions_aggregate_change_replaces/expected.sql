SET check_function_bodies = false;
CREATE OR REPLACE AGGREGATE public.total(integer) (
    SFUNC = int4_sum,
    STYPE = bigint,
    INITCOND = '0'
);
