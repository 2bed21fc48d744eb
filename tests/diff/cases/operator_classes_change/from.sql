-- A descending btree class for int4 and an index that uses it; a hash family with loose members.
CREATE FUNCTION int4_rev_cmp(int, int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT btint4cmp($2, $1)';
CREATE OPERATOR CLASS int4_rev_ops FOR TYPE int4 USING btree AS
  OPERATOR 1 >, OPERATOR 2 >=, OPERATOR 3 =, OPERATOR 4 <=, OPERATOR 5 <, FUNCTION 1 int4_rev_cmp(int, int);
COMMENT ON OPERATOR CLASS int4_rev_ops USING btree IS 'largest first';
CREATE OPERATOR FAMILY int_hash USING hash;
ALTER OPERATOR FAMILY int_hash USING hash ADD OPERATOR 1 = (int4, int4), FUNCTION 1 (int4, int4) hashint4(int4);
CREATE TABLE t (a int, b int);
CREATE INDEX t_a_rev ON t (a int4_rev_ops);
