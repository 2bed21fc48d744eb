CREATE TABLE addresses (id integer PRIMARY KEY, city text, zip text);
CREATE STATISTICS addresses_city_zip ON city, zip FROM addresses;
