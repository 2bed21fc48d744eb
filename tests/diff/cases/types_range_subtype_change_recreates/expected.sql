DROP TYPE public.span;
CREATE TYPE public.span AS RANGE (SUBTYPE = bigint, MULTIRANGE_TYPE_NAME = public.spans);
