CREATE TYPE public.span AS RANGE (SUBTYPE = integer, MULTIRANGE_TYPE_NAME = public.spans);
