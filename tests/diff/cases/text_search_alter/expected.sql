DROP INDEX public.docs_search;
ALTER TABLE public.docs DROP COLUMN search;
ALTER TEXT SEARCH DICTIONARY public.english_stem_nostop (language = 'english', stopwords = 'english');
ALTER TEXT SEARCH CONFIGURATION public.english_nostop DROP MAPPING FOR email;
ALTER TEXT SEARCH CONFIGURATION public.english_nostop ALTER MAPPING FOR word WITH pg_catalog.simple;
ALTER TEXT SEARCH CONFIGURATION public.english_nostop ADD MAPPING FOR url, url_path WITH pg_catalog.simple;
ALTER TABLE public.docs ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('public.english_nostop'::regconfig, body)) STORED;
CREATE INDEX docs_search ON public.docs USING gin (search);
