ALTER TYPE public.mood RENAME VALUE 'ok' TO 'fine';
