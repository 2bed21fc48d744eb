ALTER TABLE public.t ALTER COLUMN c TYPE text USING c::text;
DROP TYPE public.mood;
