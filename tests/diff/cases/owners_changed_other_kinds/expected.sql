ALTER COLLATION public.c_binary OWNER TO app_owner;
ALTER PUBLICATION pub OWNER TO app_owner;
ALTER STATISTICS public.t_ab OWNER TO app_owner;
ALTER TEXT SEARCH CONFIGURATION public.tsc OWNER TO app_owner;
ALTER TEXT SEARCH DICTIONARY public.tsd OWNER TO app_owner;
