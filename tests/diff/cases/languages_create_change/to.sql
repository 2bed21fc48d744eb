-- A language of our own (plpgsql's handler under another name) gains an inline handler, is
-- trusted, and granted; another one goes; a function is written in it.
CREATE FUNCTION plsample_handler() RETURNS language_handler AS '$libdir/plpgsql', 'plpgsql_call_handler' LANGUAGE c;
CREATE FUNCTION plsample_inline(internal) RETURNS void AS '$libdir/plpgsql', 'plpgsql_inline_handler' LANGUAGE c STRICT;
CREATE TRUSTED LANGUAGE plsample HANDLER plsample_handler INLINE plsample_inline;
REVOKE USAGE ON LANGUAGE plsample FROM PUBLIC;
GRANT USAGE ON LANGUAGE plsample TO reader;
COMMENT ON LANGUAGE plsample IS 'plpgsql, renamed';
CREATE FUNCTION answer() RETURNS int LANGUAGE plsample AS $$ BEGIN RETURN 42; END $$;
