CREATE VIEW public.v AS
 SELECT NULL::integer AS a,
    NULL::text AS b;
CREATE OR REPLACE VIEW public.v AS
 SELECT v.a,
    v.b
   FROM public.v;
