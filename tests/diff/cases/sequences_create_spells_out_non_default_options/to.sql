-- CREATE spells out only the options that are not the defaults.
CREATE SEQUENCE film_id_seq START WITH 100 CACHE 20 CYCLE;
