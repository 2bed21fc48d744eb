# What every consumer project builds: accessors for the one-table schema in migrations/, and an
# app that applies them to a throwaway database and calls one accessor.
strata_add_schema(consumer_db
  MIGRATIONS ${CMAKE_CURRENT_LIST_DIR}/migrations
  NAMESPACE consumer::db
  SHARDS 1
  DB_TARGETS)
add_executable(consumer_app ${CMAKE_CURRENT_LIST_DIR}/app/main.cpp)
target_link_libraries(consumer_app PRIVATE consumer_db strata::runtime)
