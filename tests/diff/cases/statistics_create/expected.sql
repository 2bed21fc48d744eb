CREATE STATISTICS public.addresses_city_zip (ndistinct, dependencies) ON city, zip FROM public.addresses;
ALTER STATISTICS public.addresses_city_zip SET STATISTICS 500;
CREATE STATISTICS public.addresses_lower_city ON zip, lower(city) FROM public.addresses;
