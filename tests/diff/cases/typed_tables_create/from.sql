CREATE TYPE pair AS (a int, b text);
CREATE TABLE loose (a int, b text);
