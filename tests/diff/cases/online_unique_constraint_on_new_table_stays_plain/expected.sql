CREATE TABLE public.users (
    id integer NOT NULL,
    email text
);
ALTER TABLE public.users ADD CONSTRAINT users_email_key UNIQUE (email);
