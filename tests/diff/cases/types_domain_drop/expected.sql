DROP DOMAIN public.positive;
