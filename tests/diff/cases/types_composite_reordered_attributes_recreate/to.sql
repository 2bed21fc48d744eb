-- Kept attributes cannot move: the type is recreated.
CREATE TYPE p AS (b text, a integer);
