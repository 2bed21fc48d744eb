CREATE TABLE addresses (id integer PRIMARY KEY, city varchar(50), zip text);
CREATE STATISTICS addresses_city_zip ON city, zip FROM addresses;
