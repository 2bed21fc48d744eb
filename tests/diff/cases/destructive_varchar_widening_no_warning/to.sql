-- varchar widening is binary coercible: no warning.
CREATE TABLE accounts (name text);
