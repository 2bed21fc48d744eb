CREATE TABLE t (id int PRIMARY KEY, code text);
CREATE VIEW v AS SELECT id, code FROM t;
GRANT SELECT ON v TO reader;
ALTER VIEW v OWNER TO reporting;
