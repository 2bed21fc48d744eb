CREATE TYPE mood AS ENUM ('a');
CREATE TABLE t (c mood);
