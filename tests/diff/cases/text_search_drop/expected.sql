DROP INDEX public.docs_search;
ALTER TABLE public.docs DROP COLUMN search;
DROP TEXT SEARCH CONFIGURATION public.english_nostop;
DROP TEXT SEARCH DICTIONARY public.english_stem_nostop;
