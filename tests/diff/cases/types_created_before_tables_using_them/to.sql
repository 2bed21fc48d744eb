-- A type is created before the tables that use it (whatever the names).
CREATE TYPE zzz AS ENUM ('a');
CREATE TABLE aaa (v zzz);
