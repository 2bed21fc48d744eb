DROP AGGREGATE public.total(integer);
