COMMENT ON SCHEMA app IS 'x';
COMMENT ON DOMAIN public.d IS 'x';
COMMENT ON TYPE public.e IS 'x';
COMMENT ON FUNCTION public.f(integer) IS 'x';
COMMENT ON SEQUENCE public.s IS 'x';
COMMENT ON INDEX public.i IS 'x';
COMMENT ON VIEW public.v IS 'x';
COMMENT ON TRIGGER t ON public.film IS 'x';
COMMENT ON POLICY p ON public.film IS 'x';
