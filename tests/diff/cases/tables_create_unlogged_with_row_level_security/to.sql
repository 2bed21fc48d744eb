-- An unlogged table with row level security.
CREATE UNLOGGED TABLE cache (k text);
ALTER TABLE cache ENABLE ROW LEVEL SECURITY;
ALTER TABLE cache FORCE ROW LEVEL SECURITY;
