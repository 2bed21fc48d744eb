CREATE FUNCTION plsample_handler() RETURNS language_handler AS '$libdir/plpgsql', 'plpgsql_call_handler' LANGUAGE c;
CREATE FUNCTION plsample_inline(internal) RETURNS void AS '$libdir/plpgsql', 'plpgsql_inline_handler' LANGUAGE c STRICT;
CREATE LANGUAGE plsample HANDLER plsample_handler;
CREATE LANGUAGE plgone HANDLER plsample_handler;
