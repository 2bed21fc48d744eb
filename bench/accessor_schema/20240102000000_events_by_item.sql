-- The typed queries of bench/accessor_queries look events up by item: an index, so the
-- benchmark times a query, not a sequential scan.
CREATE INDEX events_item_id ON public.events (item_id);
