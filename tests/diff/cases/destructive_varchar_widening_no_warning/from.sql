CREATE TABLE accounts (name character varying(10));
