CREATE TABLE public.users (
    id integer NOT NULL,
    email text
);
CREATE UNIQUE INDEX users_email_idx ON public.users USING btree (email);
