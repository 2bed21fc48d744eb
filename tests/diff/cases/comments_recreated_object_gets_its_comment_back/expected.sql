DROP TYPE public.mood;
CREATE TYPE public.mood AS ENUM ('b');
COMMENT ON TYPE public.mood IS 'feelings';
