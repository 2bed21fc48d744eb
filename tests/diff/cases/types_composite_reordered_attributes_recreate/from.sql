CREATE TYPE p AS (a integer, b text);
