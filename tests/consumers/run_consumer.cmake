# One consumer test (tests/CMakeLists.txt, label `consumers`): builds the consumer project
# tests/consumers/<MODE> in WORK_DIR and runs its app against a throwaway database.
#
#   cmake -DMODE=add_subdirectory|fetchcontent|find_package|deb -DSTRATA_SOURCE_DIR=<src>
#         -DSTRATA_BUILD_DIR=<build> -DSTRATA_EXECUTABLE=<built strata> -DWORK_DIR=<dir>
#         -DGENERATOR=<cmake generator> -DCXX_COMPILER=<c++> -P run_consumer.cmake
#
# Cheap by design: add_subdirectory and FetchContent build only strata::runtime
# (STRATA_RUNTIME_ONLY) with the already-built strata executable; find_package uses
# `cmake --install` of the already-built tree into WORK_DIR/prefix; deb builds the Debian package
# (`cpack -G DEB`), checks its name, fields and `strata --version`, unpacks it into a scratch
# root (dpkg-deb -x) and runs the find_package consumer against WORK_DIR/root/usr.
cmake_minimum_required(VERSION 3.25)

foreach(required MODE STRATA_SOURCE_DIR STRATA_BUILD_DIR STRATA_EXECUTABLE WORK_DIR GENERATOR)
  if(NOT ${required})
    message(FATAL_ERROR "run_consumer.cmake: ${required} is not set")
  endif()
endforeach()

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output
                  TIMEOUT 900)
  if(NOT result EQUAL 0)
    string(REPLACE ";" " " command "${ARGN}")
    message(FATAL_ERROR "consumer ${MODE}: `${command}` failed (${result}):\n${output}")
  endif()
  set(output "${output}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(configure_arguments -DCMAKE_BUILD_TYPE=RelWithDebInfo)
if(CXX_COMPILER)
  list(APPEND configure_arguments "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}")
endif()
set(consumer "${MODE}")
set(prefix "${WORK_DIR}/prefix")
if(MODE STREQUAL "deb")
  set(consumer find_package)
  set(prefix "${WORK_DIR}/root/usr")
  run(cpack -G DEB --config "${STRATA_BUILD_DIR}/CPackConfig.cmake" -B "${WORK_DIR}/packages")
  file(STRINGS "${STRATA_BUILD_DIR}/CPackConfig.cmake" version_line REGEX "^set\\(CPACK_PACKAGE_VERSION ")
  string(REGEX MATCH "\"([0-9.]+)\"" ignored "${version_line}")
  set(version "${CMAKE_MATCH_1}")
  execute_process(COMMAND dpkg --print-architecture OUTPUT_VARIABLE architecture OUTPUT_STRIP_TRAILING_WHITESPACE)
  set(deb "${WORK_DIR}/packages/strata_${version}_${architecture}.deb")
  if(version STREQUAL "" OR NOT EXISTS "${deb}")
    file(GLOB made "${WORK_DIR}/packages/*")
    message(FATAL_ERROR "consumer deb: no ${deb} (cpack made: ${made})")
  endif()
  run(dpkg-deb --field "${deb}" Package Version Depends)
  foreach(expected "Package: strata" "Version: ${version}" "libpqxx-dev" "libpq5" "libpqxx-6.4" "libboost-filesystem1.74.0"
                   "libpg-query-dev" "postgresql-15 \\| postgresql-16")
    if(NOT output MATCHES "${expected}")
      message(FATAL_ERROR "consumer deb: the package's fields lack `${expected}`:\n${output}")
    endif()
  endforeach()
  message("consumer deb: ${deb}\n${output}")
  run(dpkg-deb -x "${deb}" "${WORK_DIR}/root")
  run("${prefix}/bin/strata" --version)
  string(STRIP "${output}" printed)
  if(NOT printed STREQUAL "${version}")
    message(FATAL_ERROR "consumer deb: strata --version printed `${printed}`, the package carries ${version}")
  endif()
  foreach(installed share/bash-completion/completions/strata lib/cmake/strata/strataConfig.cmake include/strata/runner.h)
    if(NOT EXISTS "${prefix}/${installed}")
      message(FATAL_ERROR "consumer deb: the package has no /usr/${installed}")
    endif()
  endforeach()
  list(APPEND configure_arguments "-DCMAKE_PREFIX_PATH=${prefix}")
elseif(MODE STREQUAL "find_package")
  run("${CMAKE_COMMAND}" --install "${STRATA_BUILD_DIR}" --prefix "${WORK_DIR}/prefix")
  foreach(installed bin/strata include/strata/runner.h lib/cmake/strata/strataConfig.cmake
                    lib/cmake/strata/strataConfigVersion.cmake lib/cmake/strata/StrataSchema.cmake)
    if(NOT EXISTS "${WORK_DIR}/prefix/${installed}")
      message(FATAL_ERROR "consumer find_package: cmake --install did not install ${installed}")
    endif()
  endforeach()
  list(APPEND configure_arguments "-DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix")
else()
  list(APPEND configure_arguments "-DSTRATA_SOURCE_DIR=${STRATA_SOURCE_DIR}" "-DSTRATA_EXECUTABLE=${STRATA_EXECUTABLE}")
endif()

# An application that links only its generated accessors needs libpqxx and libpq, nothing of
# strata's tools. The lean app is linked with --no-as-needed, so every library on its link line is
# recorded in it: its NEEDED entries (readelf -d) are libpqxx, libpq and the C++ runtime, never
# Boost, OpenSSL or libpg_query; and `ldd`, which also lists what those load in turn (libpq loads
# OpenSSL itself), shows no Boost and no libpg_query.
function(check_lean_app app)
  execute_process(COMMAND readelf -d "${app}" RESULT_VARIABLE result OUTPUT_VARIABLE dynamic ERROR_VARIABLE dynamic)
  string(REGEX MATCHALL "\\(NEEDED\\)[^\n]*" needed "${dynamic}")
  if(NOT result EQUAL 0 OR NOT needed MATCHES "libpqxx" OR NOT needed MATCHES "libpq\\.so")
    message(FATAL_ERROR "consumer ${MODE}: readelf -d ${app} failed or it does not need libpqxx/libpq:\n${dynamic}")
  endif()
  foreach(forbidden boost libssl libcrypto pg_query)
    if(needed MATCHES "${forbidden}")
      message(FATAL_ERROR "consumer ${MODE}: the lean app links ${forbidden}:\n${needed}")
    endif()
  endforeach()
  execute_process(COMMAND ldd "${app}" RESULT_VARIABLE result OUTPUT_VARIABLE loaded ERROR_VARIABLE loaded)
  if(NOT result EQUAL 0 OR loaded MATCHES "boost" OR loaded MATCHES "pg_query")
    message(FATAL_ERROR "consumer ${MODE}: ldd ${app} failed or shows Boost or libpg_query:\n${loaded}")
  endif()
  message("consumer ${MODE}: the lean app needs only ${needed}")
endfunction()

if(consumer STREQUAL "find_package")
  # find_package(strata) without components: configures with Boost, OpenSSL and libpg_query out
  # of reach, and builds the lean app.
  run("${CMAKE_COMMAND}" -S "${STRATA_SOURCE_DIR}/tests/consumers/${consumer}" -B "${WORK_DIR}/client" -G "${GENERATOR}"
      ${configure_arguments} -DSTRATA_CONSUMER_CLIENT_ONLY=ON -DCMAKE_DISABLE_FIND_PACKAGE_Boost=ON
      -DCMAKE_DISABLE_FIND_PACKAGE_OpenSSL=ON)
  file(READ "${WORK_DIR}/client/CMakeCache.txt" client_cache)
  if(client_cache MATCHES "STRATA_PG_QUERY_LIBRARY")
    message(FATAL_ERROR "consumer ${MODE}: find_package(strata) looked for libpg_query without COMPONENTS runtime")
  endif()
  run("${CMAKE_COMMAND}" --build "${WORK_DIR}/client" -j 2 --target consumer_lean_app)
  check_lean_app("${WORK_DIR}/client/consumer_lean_app")
endif()

run("${CMAKE_COMMAND}" -S "${STRATA_SOURCE_DIR}/tests/consumers/${consumer}" -B "${WORK_DIR}/build" -G "${GENERATOR}"
    ${configure_arguments})
if(consumer STREQUAL "find_package")
  # The function must run the installed executable, not one from PATH or the build tree.
  if(NOT output MATCHES "strata::strata: ${prefix}/bin/strata")
    message(FATAL_ERROR "consumer find_package: strata::strata is not the installed executable:\n${output}")
  endif()
endif()
run("${CMAKE_COMMAND}" --build "${WORK_DIR}/build" -j 2)
check_lean_app("${WORK_DIR}/build/consumer_lean_app")
run("${WORK_DIR}/build/consumer_app")
message("${output}")
if(NOT output MATCHES "consumer ok" OR NOT output MATCHES "lean ok")
  message(FATAL_ERROR "consumer ${MODE}: the apps did not say `lean ok` and `consumer ok`")
endif()
# The GoogleTest suite on strata::gtest: the installed package must have it.
if(consumer STREQUAL "find_package" AND NOT EXISTS "${WORK_DIR}/build/consumer_tests")
  message(FATAL_ERROR "consumer ${MODE}: no consumer_tests: find_package(strata COMPONENTS gtest) gave no strata::gtest")
endif()
if(EXISTS "${WORK_DIR}/build/consumer_tests")
  run("${WORK_DIR}/build/consumer_tests")
  if(NOT output MATCHES "PASSED  \\] 3 tests")
    message(FATAL_ERROR "consumer ${MODE}: consumer_tests did not pass its 3 tests:\n${output}")
  endif()
  message("consumer ${MODE}: consumer_tests (strata::gtest, a typed query) passed its 3 tests")
endif()

# The db-* targets, through the build tool (a server left running must not hold its pipes):
# migrate the development database, status, roll back, status fails. Its data goes to
# $STRATA_DEV_DIR here (by default it is the project's <root>/.strata/dev, which would be in
# strata's source tree); db-url and `strata dev url` name the same database.
if(consumer STREQUAL "find_package")
  set(ENV{STRATA_ENV} "")
  set(ENV{DATABASE_URL} "")
  set(ENV{STRATA_DEV_DIR} "${WORK_DIR}/dev")
  run("${CMAKE_COMMAND}" --build "${WORK_DIR}/build" --target db-migrate)
  if(NOT output MATCHES "applied 1 migration")
    message(FATAL_ERROR "consumer ${MODE}: db-migrate did not apply the migration:\n${output}")
  endif()
  run("${CMAKE_COMMAND}" --build "${WORK_DIR}/build" --target db-status)
  run("${CMAKE_COMMAND}" --build "${WORK_DIR}/build" --target db-rollback)
  execute_process(COMMAND "${CMAKE_COMMAND}" --build "${WORK_DIR}/build" --target db-status
                  RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output TIMEOUT 300)
  if(result EQUAL 0)
    message(FATAL_ERROR "consumer ${MODE}: db-status succeeded on a rolled-back database:\n${output}")
  endif()
  run("${CMAKE_COMMAND}" --build "${WORK_DIR}/build" --target db-url)
  string(REGEX MATCH "postgresql:///strata_dev[^ \n]*" db_url "${output}")
  run("${prefix}/bin/strata" dev url)
  string(STRIP "${output}" dev_url)
  if(db_url STREQUAL "" OR NOT db_url STREQUAL dev_url)
    message(FATAL_ERROR "consumer ${MODE}: db-url (${db_url}) is not `strata dev url` (${dev_url})")
  endif()
  run("${prefix}/bin/strata" dev stop)
endif()
file(REMOVE_RECURSE "${WORK_DIR}")
