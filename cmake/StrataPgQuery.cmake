# strata::pg_query: libpg_query (PostgreSQL's own parser, Debian's libpg-query-dev), found where
# it is installed on this machine. Used by the strata build and by strataConfig.cmake, so that an
# installed strata::runtime names the target rather than the path of the machine it was built on.
include_guard(GLOBAL)
if(NOT TARGET strata::pg_query)
  find_path(STRATA_PG_QUERY_INCLUDE_DIR pg_query.h REQUIRED)
  find_library(STRATA_PG_QUERY_LIBRARY NAMES pg_query REQUIRED)
  add_library(strata::pg_query UNKNOWN IMPORTED GLOBAL)
  set_target_properties(strata::pg_query PROPERTIES
    IMPORTED_LOCATION "${STRATA_PG_QUERY_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${STRATA_PG_QUERY_INCLUDE_DIR}")
endif()
