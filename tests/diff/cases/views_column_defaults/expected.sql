CREATE VIEW public.new_orders AS
 SELECT orders.id,
    orders.status
   FROM public.orders;
ALTER VIEW public.new_orders ALTER COLUMN status SET DEFAULT 'new'::text;
ALTER VIEW public.open_orders ALTER COLUMN status SET DEFAULT 'open'::text;
