CREATE TABLE public.film (
    id integer NOT NULL
);
ALTER TABLE public.film ADD CONSTRAINT film_pkey PRIMARY KEY (id);
COMMENT ON TABLE public.film IS 'Films';
COMMENT ON COLUMN public.film.id IS 'It''s the key';
COMMENT ON CONSTRAINT film_pkey ON public.film IS 'pk';
