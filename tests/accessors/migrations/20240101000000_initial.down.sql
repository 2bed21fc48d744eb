DROP VIEW public.account_summary;
DROP SCHEMA audit CASCADE;
DROP TABLE public.ticks, public."line items", public."class", public.memberships, public.accounts, public.arrays, public.scalars;
DROP DOMAIN public.short_code;
DROP DOMAIN public.positive_int;
DROP TYPE public.mood;
