DROP TYPE public.p;
CREATE TYPE public.p AS (b text, a integer);
