-- The dictionary gains stop words, the configuration maps URLs again and words differently.
CREATE TEXT SEARCH DICTIONARY english_stem_nostop (TEMPLATE = snowball, language = english, stopwords = english);
CREATE TEXT SEARCH CONFIGURATION english_nostop (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION english_nostop
  ALTER MAPPING FOR asciiword WITH english_stem_nostop;
ALTER TEXT SEARCH CONFIGURATION english_nostop ALTER MAPPING FOR word WITH simple;
ALTER TEXT SEARCH CONFIGURATION english_nostop DROP MAPPING FOR email;
COMMENT ON TEXT SEARCH CONFIGURATION english_nostop IS 'English without stop words';
CREATE TABLE docs (
  id integer PRIMARY KEY,
  body text NOT NULL,
  search tsvector GENERATED ALWAYS AS (to_tsvector('public.english_nostop', body)) STORED
);
CREATE INDEX docs_search ON docs USING gin (search);
