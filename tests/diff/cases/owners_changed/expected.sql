SET check_function_bodies = false;
ALTER FUNCTION app.f() OWNER TO app_owner;
ALTER SCHEMA app OWNER TO app_owner;
ALTER TABLE app.t OWNER TO app_owner;
ALTER TYPE app.mood OWNER TO app_owner;
ALTER VIEW app.v OWNER TO reader;
