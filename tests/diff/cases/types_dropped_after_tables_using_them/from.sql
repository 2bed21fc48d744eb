CREATE TYPE zzz AS ENUM ('a');
CREATE TABLE aaa (v zzz);
