DROP RULE no_delete ON public.film;
CREATE RULE no_delete AS
    ON UPDATE TO public.film DO INSTEAD NOTHING;
