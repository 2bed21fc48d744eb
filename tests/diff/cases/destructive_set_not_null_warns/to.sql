-- SET NOT NULL can fail, not lose data: a warning, not destructive.
CREATE TABLE accounts (email text NOT NULL);
