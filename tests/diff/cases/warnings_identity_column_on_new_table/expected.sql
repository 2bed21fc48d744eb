CREATE TABLE public.users (
    id integer NOT NULL,
    email text,
    n bigint GENERATED ALWAYS AS IDENTITY NOT NULL
);
