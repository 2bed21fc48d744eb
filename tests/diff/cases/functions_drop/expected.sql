DROP FUNCTION public.add(integer, integer);
