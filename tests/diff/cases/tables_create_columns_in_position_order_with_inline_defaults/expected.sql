CREATE TABLE public.users (
    id integer GENERATED ALWAYS AS IDENTITY NOT NULL,
    email character varying(255) COLLATE pg_catalog."C" NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    body text
) WITH (fillfactor=70);
ALTER TABLE ONLY public.users ALTER COLUMN body SET STORAGE EXTERNAL;
