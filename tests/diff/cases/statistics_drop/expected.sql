DROP STATISTICS public.addresses_city_zip;
DROP STATISTICS public.addresses_lower_city;
