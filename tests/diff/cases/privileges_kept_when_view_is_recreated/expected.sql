DROP VIEW public.v;
ALTER TABLE public.t ALTER COLUMN code TYPE text;
CREATE VIEW public.v AS
 SELECT t.id,
    t.code
   FROM public.t;
ALTER VIEW public.v OWNER TO reporting;
GRANT SELECT ON TABLE public.v TO reader;
