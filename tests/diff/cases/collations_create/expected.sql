CREATE COLLATION public.c_binary (provider = libc, lc_collate = 'C', lc_ctype = 'C');
CREATE COLLATION public.ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
ALTER TABLE public.users ADD COLUMN email text COLLATE public.ci;
