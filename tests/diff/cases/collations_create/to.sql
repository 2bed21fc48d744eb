-- A case-insensitive ICU collation, and a column that uses it.
CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE COLLATION c_binary (provider = libc, lc_collate = 'C', lc_ctype = 'C');
CREATE TABLE users (id integer PRIMARY KEY, email text COLLATE ci);
