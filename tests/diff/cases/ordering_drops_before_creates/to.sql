-- Drops come before creates.
CREATE TABLE new ();
