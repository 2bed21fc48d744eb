# CTest glue for test databases (docs/testing.md): one PostgreSQL cluster shared by every test
# process of a `ctest` run, started by a setup fixture and stopped (and checked) by a cleanup
# fixture, so `ctest -j N` does not start a cluster per test.
#
#   include(StrataTesting)
#   strata_test_fixture(my_db)                       # tests my_db_start / my_db_stop
#   add_executable(app_tests ...)
#   target_link_libraries(app_tests PRIVATE strata::gtest GTest::gtest_main)
#   strata_gtest_discover(app_tests FIXTURE my_db)   # gtest_discover_tests + fixture + environment
#
# strata_test_fixture(<name> [STRATA <strata executable>] [CACHE_DIR <dir>] [IDLE_TIMEOUT <s>] [FRESH] [VERIFY])
#   CACHE_DIR     where the shared cluster lives (STRATA_CACHE_DIR for every test of the fixture);
#                 default ${CMAKE_BINARY_DIR}/strata-test-cache/<name>
#   IDLE_TIMEOUT  seconds without any test process using it before the cluster stops by itself
#                 (what ends it when a run is killed before the cleanup fixture); default 120
#   FRESH         every run starts on a new cluster (`start --fresh`) and removes it at the end
#                 (`stop --purge`): hermetic runs (roles and other cluster-wide objects do not
#                 carry over), at the price of building the templates once per run
#   VERIFY        the cleanup fixture fails when the run left a process or a throwaway cluster
#                 directory behind (strata test-db stop --verify)
#   Sets STRATA_TEST_FIXTURE_ENVIRONMENT_<name> (a list of NAME=VALUE) in the caller's scope.
#
# strata_gtest_discover(<target> FIXTURE <name> [OWN_CLUSTER_REGEX <regex>] [any gtest_discover_tests() argument...])
#   Every discovered test requires the fixture and gets its environment. Tests whose name matches
#   OWN_CLUSTER_REGEX do not get STRATA_TEST_SHARED_CLUSTER (they crash or reconfigure a server,
#   which must not be the one the others share).
include_guard(GLOBAL)
include(GoogleTest)

function(strata_test_fixture name)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "VERIFY;FRESH" "STRATA;CACHE_DIR;IDLE_TIMEOUT" "")
  if(NOT ARG_STRATA)
    if(TARGET strata)
      set(ARG_STRATA $<TARGET_FILE:strata>)
    elseif(TARGET strata::strata)  # an installed strata (find_package(strata COMPONENTS gtest))
      set(ARG_STRATA $<TARGET_FILE:strata::strata>)
    else()
      find_program(ARG_STRATA strata REQUIRED)
    endif()
  endif()
  if(NOT ARG_CACHE_DIR)
    set(ARG_CACHE_DIR "${CMAKE_BINARY_DIR}/strata-test-cache/${name}")
  endif()
  if(NOT ARG_IDLE_TIMEOUT)
    set(ARG_IDLE_TIMEOUT 120)
  endif()
  # STRATA_TEST_SHARED_CLUSTER tells code that needs a cluster of its own (strata's own suites)
  # that a shared one is managed by the fixture.
  set(environment "STRATA_CACHE_DIR=${ARG_CACHE_DIR}" "STRATA_TEST_SHARED_CLUSTER=1")
  set(start_args "")
  set(stop_args "")
  if(ARG_FRESH)
    list(APPEND start_args --fresh)
    list(APPEND stop_args --purge)
  endif()
  if(ARG_VERIFY)
    list(APPEND stop_args --verify)
  endif()
  add_test(NAME ${name}_start COMMAND ${ARG_STRATA} test-db start --idle-timeout ${ARG_IDLE_TIMEOUT} ${start_args})
  add_test(NAME ${name}_stop COMMAND ${ARG_STRATA} test-db stop ${stop_args})
  set_tests_properties(${name}_start PROPERTIES FIXTURES_SETUP ${name} ENVIRONMENT "${environment}" LABELS strata_fixture)
  set_tests_properties(${name}_stop PROPERTIES FIXTURES_CLEANUP ${name} ENVIRONMENT "${environment}" LABELS strata_fixture)
  set(STRATA_TEST_FIXTURE_ENVIRONMENT_${name} "${environment}" PARENT_SCOPE)
endfunction()

function(strata_gtest_discover target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "FIXTURE;TEST_LIST;OWN_CLUSTER_REGEX" "")
  if(NOT ARG_FIXTURE)
    message(FATAL_ERROR "strata_gtest_discover(${target}): FIXTURE <name> is required")
  endif()
  if(NOT DEFINED STRATA_TEST_FIXTURE_ENVIRONMENT_${ARG_FIXTURE})
    message(FATAL_ERROR "strata_gtest_discover(${target}): call strata_test_fixture(${ARG_FIXTURE}) first")
  endif()
  if(NOT ARG_TEST_LIST)
    set(ARG_TEST_LIST ${target}_TESTS)
  endif()
  gtest_discover_tests(${target} TEST_LIST ${ARG_TEST_LIST} ${ARG_UNPARSED_ARGUMENTS})
  # gtest_discover_tests writes each PROPERTIES list item as an argument of its own, which breaks
  # a list-valued ENVIRONMENT; so the properties are set by a CTest include file that runs after
  # the discovery's (TEST_INCLUDE_FILES run in order), on the list of discovered tests.
  set(environment "${STRATA_TEST_FIXTURE_ENVIRONMENT_${ARG_FIXTURE}}")
  set(own_environment "${environment}")
  list(TRANSFORM own_environment REPLACE "^STRATA_TEST_SHARED_CLUSTER=.*" "STRATA_TEST_SHARED_CLUSTER=0")
  set(include_file "${CMAKE_CURRENT_BINARY_DIR}/${target}_strata_fixture.cmake")
  if(ARG_OWN_CLUSTER_REGEX)
    set(choose "    if(test MATCHES [==[${ARG_OWN_CLUSTER_REGEX}]==])\n      set(environment [==[${own_environment}]==])\n    endif()\n")
  else()
    set(choose "")
  endif()
  file(WRITE "${include_file}"
    "foreach(test IN LISTS ${ARG_TEST_LIST})\n"
    "    set(environment [==[${environment}]==])\n"
    "${choose}"
    "    set_tests_properties(\${test} PROPERTIES FIXTURES_REQUIRED [==[${ARG_FIXTURE}]==] ENVIRONMENT \"\${environment}\")\n"
    "endforeach()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${include_file}")
endfunction()
