# What every consumer project builds: accessors (and a typed query) for the one-table schema in migrations/, an app
# that links nothing of strata but the generated code (strata::client: libpqxx and libpq), and,
# unless STRATA_CONSUMER_CLIENT_ONLY, an app that starts a throwaway database with
# strata::runtime, migrates it and runs the lean app against it.
strata_add_schema(consumer_db
  MIGRATIONS ${CMAKE_CURRENT_LIST_DIR}/migrations
  QUERIES ${CMAKE_CURRENT_LIST_DIR}/queries
  NAMESPACE consumer::db
  SHARDS 1
  DB_TARGETS)
add_executable(consumer_lean_app ${CMAKE_CURRENT_LIST_DIR}/app/lean.cpp)
target_link_libraries(consumer_lean_app PRIVATE consumer_db)
# Every library on the link line is recorded as needed, so `ldd` shows exactly what the generated
# code brings along (run_consumer.cmake checks it).
target_link_options(consumer_lean_app PRIVATE -Wl,--no-as-needed)
if(NOT STRATA_CONSUMER_CLIENT_ONLY)
  add_executable(consumer_app ${CMAKE_CURRENT_LIST_DIR}/app/main.cpp)
  target_link_libraries(consumer_app PRIVATE consumer_db strata::runtime)
  target_compile_definitions(consumer_app PRIVATE CONSUMER_LEAN_APP="$<TARGET_FILE:consumer_lean_app>")
  add_dependencies(consumer_app consumer_lean_app)
endif()
# A GoogleTest suite on strata::gtest (a fresh database per test), where strata has it: the
# installed package gives it with COMPONENTS gtest.
if(NOT STRATA_CONSUMER_CLIENT_ONLY AND TARGET strata::gtest)
  if(NOT TARGET GTest::gtest_main)
    find_package(GTest REQUIRED)
  endif()
  add_executable(consumer_tests ${CMAKE_CURRENT_LIST_DIR}/app/tests.cpp)
  target_link_libraries(consumer_tests PRIVATE consumer_db strata::gtest GTest::gtest_main)
  target_compile_definitions(consumer_tests PRIVATE CONSUMER_MIGRATIONS="${CMAKE_CURRENT_LIST_DIR}/migrations")
endif()
