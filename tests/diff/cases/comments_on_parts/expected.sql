COMMENT ON COLUMN public.pair.a IS 'first';
COMMENT ON CONSTRAINT positive_check ON DOMAIN public.positive IS 'above zero';
COMMENT ON INDEX public.accounts_pkey IS 'the key';
COMMENT ON COLUMN public.owners.owner IS 'who owns it';
COMMENT ON COLUMN public.owners.id IS NULL;
COMMENT ON COLUMN public.totals.n IS 'how many';
