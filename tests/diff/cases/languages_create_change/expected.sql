SET check_function_bodies = false;
DROP LANGUAGE plgone;
CREATE OR REPLACE TRUSTED LANGUAGE plsample HANDLER public.plsample_handler INLINE public.plsample_inline;
CREATE OR REPLACE FUNCTION public.answer()
 RETURNS integer
 LANGUAGE plsample
AS $function$ BEGIN RETURN 42; END $function$;
COMMENT ON LANGUAGE plsample IS 'plpgsql, renamed';
REVOKE USAGE ON LANGUAGE plsample FROM PUBLIC;
GRANT USAGE ON LANGUAGE plsample TO reader;
