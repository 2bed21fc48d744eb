-- A policy is recreated around a type change of a column it uses.
CREATE TABLE film (id bigint);
CREATE POLICY positive ON film USING (id > 0);
