COMMENT ON TABLE public.film IS 'new';
