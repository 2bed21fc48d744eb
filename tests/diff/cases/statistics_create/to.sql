-- Extended statistics, with a statistics target.
CREATE TABLE addresses (id integer PRIMARY KEY, city text, zip text);
CREATE STATISTICS addresses_city_zip (dependencies, ndistinct) ON city, zip FROM addresses;
ALTER STATISTICS addresses_city_zip SET STATISTICS 500;
CREATE STATISTICS addresses_lower_city ON lower(city), zip FROM addresses;
