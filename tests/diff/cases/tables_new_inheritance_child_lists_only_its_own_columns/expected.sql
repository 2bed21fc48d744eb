CREATE TABLE public.parent (
    id integer
);
CREATE TABLE public.child (
    extra text
) INHERITS (public.parent);
ALTER TABLE public.parent ADD CONSTRAINT positive CHECK ((id > 0));
