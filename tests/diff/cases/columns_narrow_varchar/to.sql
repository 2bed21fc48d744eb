-- A narrowing is possibly lossy: no USING (an explicit cast to varchar(20) truncates; the
-- assignment cast fails on a value that does not fit), and destructive.
CREATE TABLE users (id integer NOT NULL, name character varying(20));
