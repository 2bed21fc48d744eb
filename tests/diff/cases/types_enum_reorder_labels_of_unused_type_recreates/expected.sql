DROP TYPE public.mood;
CREATE TYPE public.mood AS ENUM ('happy', 'ok', 'sad');
