ALTER TYPE public.mood ADD VALUE 'awful' BEFORE 'sad';
ALTER TYPE public.mood ADD VALUE 'meh' AFTER 'awful';
ALTER TYPE public.mood ADD VALUE 'ok' AFTER 'sad';
ALTER TYPE public.mood ADD VALUE 'ecstatic' AFTER 'happy';
