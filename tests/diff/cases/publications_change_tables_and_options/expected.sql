ALTER PUBLICATION feed SET TABLE public.orders, TABLE public.refunds;
ALTER PUBLICATION feed SET (publish = 'insert', publish_via_partition_root = false);
