DROP INDEX public.events_item_id;
