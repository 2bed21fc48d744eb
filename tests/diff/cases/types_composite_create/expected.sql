CREATE TYPE public.pair AS (a integer, b text COLLATE pg_catalog."C");
