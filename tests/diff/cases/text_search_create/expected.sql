CREATE TEXT SEARCH DICTIONARY public.english_stem_nostop (TEMPLATE = pg_catalog.snowball, language = 'english');
CREATE TEXT SEARCH CONFIGURATION public.english_nostop (PARSER = pg_catalog."default");
ALTER TEXT SEARCH CONFIGURATION public.english_nostop ADD MAPPING FOR asciihword, hword, hword_asciipart, hword_part WITH pg_catalog.english_stem;
ALTER TEXT SEARCH CONFIGURATION public.english_nostop ADD MAPPING FOR email, file, float, host, hword_numpart, int, numhword, numword, sfloat, uint, version WITH pg_catalog.simple;
ALTER TEXT SEARCH CONFIGURATION public.english_nostop ADD MAPPING FOR asciiword, word WITH public.english_stem_nostop;
ALTER TABLE public.docs ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('public.english_nostop'::regconfig, body)) STORED;
CREATE INDEX docs_search ON public.docs USING gin (search);
COMMENT ON TEXT SEARCH CONFIGURATION public.english_nostop IS 'English without stop words';
