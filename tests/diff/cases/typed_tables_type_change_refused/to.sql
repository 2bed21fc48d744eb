-- The type of a typed table gains an attribute: its columns would change under it; refused,
-- naming the table.
CREATE TYPE pair AS (a int, b text, c date);
CREATE TABLE pairs OF pair;
