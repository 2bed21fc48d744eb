CREATE TABLE t (a int, b int);
CREATE COLLATION c_binary (provider = libc, lc_collate = 'C', lc_ctype = 'C');
CREATE STATISTICS t_ab ON a, b FROM t;
CREATE PUBLICATION pub FOR TABLE t;
CREATE TEXT SEARCH DICTIONARY tsd (TEMPLATE = simple);
CREATE TEXT SEARCH CONFIGURATION tsc (COPY = pg_catalog.simple);
