TRUNCATE cart_items;
