-- PostgreSQL cannot retype a partition key column in place: the diff refuses, naming it.
CREATE TABLE readings (sensor bigint NOT NULL, value numeric) PARTITION BY LIST (sensor);
CREATE TABLE readings_1 PARTITION OF readings FOR VALUES IN (1);
