-- A recreated object gets its comment back.
CREATE TYPE mood AS ENUM ('b');
COMMENT ON TYPE mood IS 'feelings';
