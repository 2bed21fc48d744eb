CREATE TABLE public.users (
    id integer NOT NULL,
    email text,
    level integer NOT NULL
);
