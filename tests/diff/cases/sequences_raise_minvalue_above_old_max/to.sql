-- The new minimum is above the old maximum: the maximum is raised before setval().
CREATE SEQUENCE s MINVALUE 1000 MAXVALUE 5000;
