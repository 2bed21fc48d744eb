CREATE SEQUENCE public.film_id_seq AS bigint;
CREATE TABLE public.film (
    film_id integer DEFAULT nextval('public.film_id_seq'::regclass) NOT NULL
);
ALTER SEQUENCE public.film_id_seq OWNED BY public.film.film_id;
