CREATE VIEW public.owners AS
 SELECT accounts.id,
    accounts.owner
   FROM public.accounts;
COMMENT ON COLUMN public.owners.owner IS 'who owns it';
