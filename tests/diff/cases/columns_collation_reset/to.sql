-- Back to the default collation: COLLATE pg_catalog."default".
CREATE TABLE users (id integer NOT NULL, name text);
