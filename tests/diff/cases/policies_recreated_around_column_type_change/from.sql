CREATE TABLE film (id integer);
CREATE POLICY positive ON film USING (id > 0);
