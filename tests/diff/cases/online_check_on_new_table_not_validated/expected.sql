CREATE TABLE public.users (
    id integer NOT NULL,
    email text
);
ALTER TABLE public.users ADD CONSTRAINT email_check CHECK ((email <> ''::text));
