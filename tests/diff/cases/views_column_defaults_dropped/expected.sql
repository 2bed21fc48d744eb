DROP VIEW public.new_orders;
ALTER VIEW public.open_orders ALTER COLUMN status DROP DEFAULT;
