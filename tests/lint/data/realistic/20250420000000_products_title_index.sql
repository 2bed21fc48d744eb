-- strata:lint-ignore index-not-concurrent products holds about 200 rows and only changes in the nightly import
CREATE INDEX products_title ON products (lower(title));
