# strata_add_schema: typed C++ accessors for a schema, generated at build time from its
# migrations by `strata codegen` (docs/accessors.md).
#
#   strata_add_schema(<target>
#                     MIGRATIONS <dir>          # versioned migrations (default: <SCHEMA>/migrations)
#                     NAMESPACE <ns>            # C++ namespace, e.g. app::db
#                     [SCHEMA <dir>]            # declared schema (recorded for tools; not read here)
#                     [TYPES <json>]            # type overrides for `strata codegen --types`
#                     [QUERIES <dir>]           # typed queries: <dir>/*.sql (docs/queries.md)
#                     [SHARDS <n>]              # implementation files (default 4, at most 100)
#                     [OUTPUT_DIR <dir>]        # default: ${CMAKE_CURRENT_BINARY_DIR}/<target>_strata
#                     [STRATA <path>]           # the strata executable (default: the cache
#                                               # variable STRATA_EXECUTABLE when set, else the
#                                               # target strata::strata (this project's or the
#                                               # imported one), else `strata` on PATH)
#                     [PROJECT <strata.json>]   # for the db-* targets (default: strata.json in
#                                               # the current source directory, if any)
#                     [DB_TARGETS [PREFIX <p>]])# also strata_add_db_targets(<target> PREFIX <p>)
#
# Creates the library <target> (the generated shards and migrations.cpp; include directory
# <OUTPUT_DIR>/include, so `#include "app/db/users.h"`), linking strata::client only (libpqxx and
# libpq). Needs a target strata::client (this project defines it; consumers import it).
#
# How it stays incremental:
# - The generator runs in one custom command whose OUTPUT is a stamp file and whose BYPRODUCTS
#   are every file it writes. It DEPENDS on every migration file (globbed with
#   CONFIGURE_DEPENDS, so adding one reconfigures), strata.sum, the TYPES file and the strata
#   executable. Nothing changed: nothing runs.
# - The generator writes only files whose content changed; Ninja restats byproducts, so a run
#   that changed nothing (a touched migration) recompiles nothing, and a changed table
#   recompiles its shard and what includes its header.
# - The implementation goes into SHARDS files whose names are fixed, so CMake knows the sources
#   at configure time. Header names depend on the tables: they are taken from the generator's
#   manifest of the previous run (<OUTPUT_DIR>/.strata-codegen-files), which is a configure
#   dependency, so when the set of files changes the next build reconfigures and declares the
#   new ones (as byproducts of a cheap step after the generator, which is all that reruns).
#   Declaring the headers as byproducts is what makes Ninja recompile a translation unit whose
#   generated header changed in the same build.
include_guard(GLOBAL)
# Where StrataDbCommand.cmake is (beside this file, in the source tree or installed).
set_property(GLOBAL PROPERTY STRATA_CMAKE_MODULE_DIR "${CMAKE_CURRENT_LIST_DIR}")

# The strata executable for a custom command: `command` (may be a generator expression) and
# `dependency` (a target or file for DEPENDS).
function(_strata_executable explicit command_var dependency_var)
  if(explicit)
    set(command "${explicit}")
    set(dependency "${explicit}")
  elseif(STRATA_EXECUTABLE)
    set(command "${STRATA_EXECUTABLE}")
    set(dependency "${STRATA_EXECUTABLE}")
  elseif(TARGET strata::strata)
    set(command "$<TARGET_FILE:strata::strata>")
    get_target_property(imported strata::strata IMPORTED)
    if(imported)
      set(dependency "$<TARGET_FILE:strata::strata>")
    else()
      get_target_property(dependency strata::strata ALIASED_TARGET)
    endif()
  else()
    find_program(STRATA_EXECUTABLE strata)
    if(NOT STRATA_EXECUTABLE)
      message(FATAL_ERROR "strata: no strata executable (set STRATA_EXECUTABLE, or find_package(strata))")
    endif()
    set(command "${STRATA_EXECUTABLE}")
    set(dependency "${STRATA_EXECUTABLE}")
  endif()
  set(${command_var} "${command}" PARENT_SCOPE)
  set(${dependency_var} "${dependency}" PARENT_SCOPE)
endfunction()

function(strata_add_schema target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "DB_TARGETS" "MIGRATIONS;NAMESPACE;SCHEMA;TYPES;QUERIES;SHARDS;OUTPUT_DIR;STRATA;PROJECT;PREFIX" "")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "strata_add_schema(${target}): unknown arguments ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT arg_NAMESPACE)
    message(FATAL_ERROR "strata_add_schema(${target}): NAMESPACE is required (e.g. NAMESPACE app::db)")
  endif()
  if(arg_SCHEMA)
    get_filename_component(schema_dir "${arg_SCHEMA}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  endif()
  if(arg_MIGRATIONS)
    get_filename_component(migrations_dir "${arg_MIGRATIONS}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  elseif(arg_SCHEMA)
    set(migrations_dir "${schema_dir}/migrations")
  else()
    message(FATAL_ERROR "strata_add_schema(${target}): MIGRATIONS (or SCHEMA) is required")
  endif()
  if(NOT arg_SHARDS)
    set(arg_SHARDS 4)
  endif()
  if(NOT arg_SHARDS MATCHES "^[0-9]+$" OR arg_SHARDS LESS 1 OR arg_SHARDS GREATER 100)
    message(FATAL_ERROR "strata_add_schema(${target}): SHARDS must be between 1 and 100")
  endif()
  if(arg_OUTPUT_DIR)
    get_filename_component(out "${arg_OUTPUT_DIR}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
  else()
    set(out "${CMAKE_CURRENT_BINARY_DIR}/${target}_strata")
  endif()
  if(NOT TARGET strata::client)
    message(FATAL_ERROR "strata_add_schema(${target}): needs the target strata::client (find_package(strata))")
  endif()

  _strata_executable("${arg_STRATA}" strata_command strata_dependency)
  if(arg_PROJECT)
    get_filename_component(project_file "${arg_PROJECT}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  elseif(EXISTS "${CMAKE_CURRENT_SOURCE_DIR}/strata.json")
    set(project_file "${CMAKE_CURRENT_SOURCE_DIR}/strata.json")
  else()
    set(project_file "")
  endif()

  # Inputs: every migration (a new file reconfigures), the integrity file, the overrides.
  file(GLOB migration_files CONFIGURE_DEPENDS "${migrations_dir}/*.sql" "${migrations_dir}/strata.sum")
  list(SORT migration_files)
  set(types_arguments "")
  set(types_file "")
  if(arg_TYPES)
    get_filename_component(types_file "${arg_TYPES}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    set(types_arguments --types "${types_file}")
  endif()

  # Outputs known whatever the schema: the shards, migrations.cpp, migrations.h, schema.h.
  string(REPLACE "::" "/" namespace_path "${arg_NAMESPACE}")
  set(sources "${out}/src/migrations.cpp")
  math(EXPR last_shard "${arg_SHARDS} - 1")
  foreach(shard RANGE 0 ${last_shard})
    if(shard LESS 10)
      list(APPEND sources "${out}/src/shard_0${shard}.cpp")
    else()
      list(APPEND sources "${out}/src/shard_${shard}.cpp")
    endif()
  endforeach()
  set(byproducts ${sources} "${out}/include/${namespace_path}/schema.h" "${out}/include/${namespace_path}/migrations.h")
  # Typed queries: a header and a source per query file, named after it (a new file reconfigures).
  set(queries_arguments "")
  set(query_files "")
  if(arg_QUERIES)
    get_filename_component(queries_dir "${arg_QUERIES}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    file(GLOB query_files CONFIGURE_DEPENDS "${queries_dir}/*.sql")
    list(SORT query_files)
    set(queries_arguments --queries "${queries_dir}")
    foreach(query_file IN LISTS query_files)
      get_filename_component(stem "${query_file}" NAME_WLE)
      string(MAKE_C_IDENTIFIER "${stem}" stem)
      list(APPEND sources "${out}/src/queries/${stem}.cpp")
      list(APPEND byproducts "${out}/src/queries/${stem}.cpp" "${out}/include/${namespace_path}/queries/${stem}.h")
    endforeach()
  endif()
  # The headers the previous run wrote, from its manifest. The manifest is a configure dependency
  # but not a byproduct (that would make Ninja run the generator before it even checks
  # build.ninja, for every target): the generator rewrites it only when the set of files
  # changes, and the next build reconfigures. A header that is new in this build cannot be stale
  # in any object file yet, so declaring it one build late is enough.
  set(manifest "${out}/.strata-codegen-files")
  set(headers "")
  if(EXISTS "${manifest}")
    file(STRINGS "${manifest}" previous_files)
    foreach(file IN LISTS previous_files)
      if(file MATCHES "^include/.*\\.h$")
        list(APPEND headers "${out}/${file}")
      endif()
    endforeach()
    list(REMOVE_ITEM headers ${byproducts})
  else()
    file(WRITE "${manifest}" "")
  endif()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${manifest}")

  set(stamp "${out}/.strata-codegen.stamp")
  add_custom_command(
    OUTPUT "${stamp}"
    BYPRODUCTS ${byproducts}
    COMMAND "${strata_command}" codegen --migrations "${migrations_dir}" --out "${out}" --namespace "${arg_NAMESPACE}"
            --shards "${arg_SHARDS}" ${types_arguments} ${queries_arguments}
    COMMAND "${CMAKE_COMMAND}" -E touch "${stamp}"
    DEPENDS ${migration_files} ${types_file} ${query_files} ${strata_dependency}
    COMMENT "strata codegen: ${arg_NAMESPACE} from ${migrations_dir}"
    VERBATIM)
  # The table headers are byproducts of a step of their own after the generator: when the set
  # of headers grows (the first build, a new table), only this step is new to Ninja and runs
  # once; declared on the generator itself, they would make Ninja rerun the generator.
  set(headers_stamp "${out}/.strata-codegen-headers.stamp")
  add_custom_command(
    OUTPUT "${headers_stamp}"
    BYPRODUCTS ${headers}
    COMMAND "${CMAKE_COMMAND}" -E touch "${headers_stamp}"
    DEPENDS "${stamp}"
    VERBATIM)
  add_custom_target(${target}_codegen DEPENDS "${headers_stamp}")

  add_library(${target} ${sources})
  add_dependencies(${target} ${target}_codegen)
  target_include_directories(${target} PUBLIC "$<BUILD_INTERFACE:${out}/include>")
  target_link_libraries(${target} PUBLIC strata::client)  # libpqxx and libpq: nothing of strata's tools
  if(TARGET PkgConfig::PQXX)
    target_link_libraries(${target} PUBLIC PkgConfig::PQXX)
  endif()
  if(TARGET nlohmann_json::nlohmann_json)
    target_link_libraries(${target} PUBLIC nlohmann_json::nlohmann_json)
  endif()
  target_compile_features(${target} PUBLIC cxx_std_20)
  # For tools built on top (db-* targets, install rules).
  set_target_properties(${target} PROPERTIES
    STRATA_MIGRATIONS_DIR "${migrations_dir}"
    STRATA_SCHEMA_DIR "${schema_dir}"
    STRATA_NAMESPACE "${arg_NAMESPACE}"
    STRATA_GENERATED_DIR "${out}"
    STRATA_PROJECT_FILE "${project_file}"
    STRATA_COMMAND "${strata_command}"
    STRATA_COMMAND_DEPENDENCY "${strata_dependency}")
  if(arg_DB_TARGETS)
    strata_add_db_targets(${target} PREFIX "${arg_PREFIX}")
  endif()
endfunction()

# strata_add_db_targets(<schema target> [PREFIX <p>])
#
# Custom targets for the schema of a strata_add_schema() target (docs/cmake.md):
#   <p>db-generate  write the next migration (slug: $NAME, else cache variable STRATA_MIGRATION_NAME)
#   <p>db-check     fail when the declared schema has changes no migration covers or strata.sum
#                   is broken; part of `all` when STRATA_DB_CHECK is ON (default: ON when $CI is set)
#   <p>db-migrate   apply pending migrations to $STRATA_ENV / $DATABASE_URL (or the cache variables
#                   of the same names), else to the project's development database (STRATA_DEV_DIR,
#                   default <project root>/.strata/dev)
#   <p>db-status    the target's status (fails when not current)
#   <p>db-rollback  roll back $STEPS (default 1) or to $TO
#   <p>db-docs      `strata docs --schema <schema> --out <build>/<p>schema.md` (needs `strata docs`)
#   <p>db-url       print the development database's URL (`strata dev url`; starts it if needed)
# Each needs only the strata executable built, so `cmake --build <dir> --target db-migrate` works
# from a fresh build directory.
function(strata_add_db_targets schema_target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "PREFIX" "")
  if(NOT TARGET ${schema_target})
    message(FATAL_ERROR "strata_add_db_targets: ${schema_target} is not a target")
  endif()
  get_target_property(migrations ${schema_target} STRATA_MIGRATIONS_DIR)
  if(NOT migrations)
    message(FATAL_ERROR "strata_add_db_targets: ${schema_target} was not made by strata_add_schema()")
  endif()
  get_target_property(schema ${schema_target} STRATA_SCHEMA_DIR)
  get_target_property(project_file ${schema_target} STRATA_PROJECT_FILE)
  get_target_property(strata_command ${schema_target} STRATA_COMMAND)
  get_target_property(strata_dependency ${schema_target} STRATA_COMMAND_DEPENDENCY)
  get_property(module_dir GLOBAL PROPERTY STRATA_CMAKE_MODULE_DIR)
  if(NOT schema)
    set(schema "")
  endif()

  # Empty: the project's own development database, <project root>/.strata/dev, the one `strata
  # dev url` and every other command run in the project folder use (one per project, whatever the
  # build directory).
  set(STRATA_DEV_DIR "" CACHE PATH
      "Data directory of the development database the db-* targets use (empty: <project root>/.strata/dev)")
  set(STRATA_ENV "" CACHE STRING "strata.json environment for db-migrate/db-status/db-rollback ($STRATA_ENV overrides)")
  set(DATABASE_URL "" CACHE STRING "Database URL for db-migrate/db-status/db-rollback ($DATABASE_URL overrides)")
  set(STRATA_MIGRATION_NAME "" CACHE STRING "Slug of the migration db-generate writes ($NAME overrides)")
  if(DEFINED ENV{CI} AND NOT "$ENV{CI}" STREQUAL "" AND NOT "$ENV{CI}" STREQUAL "false")
    set(check_default ON)
  else()
    set(check_default OFF)
  endif()
  option(STRATA_DB_CHECK "Build db-check as part of all (fails the build on schema changes no migration covers)" ${check_default})

  set(common
    "-DSTRATA=${strata_command}" "-DMIGRATIONS=${migrations}" "-DSCHEMA=${schema}" "-DPROJECT=${project_file}"
    "-DDEV_DIR=${STRATA_DEV_DIR}" "-DDEFAULT_ENV=${STRATA_ENV}" "-DDEFAULT_URL=${DATABASE_URL}"
    "-DDEFAULT_NAME=${STRATA_MIGRATION_NAME}" "-DDOCS_OUT=${CMAKE_BINARY_DIR}/${arg_PREFIX}schema.md")
  set(working_directory "${CMAKE_CURRENT_SOURCE_DIR}")
  if(project_file)
    get_filename_component(working_directory "${project_file}" DIRECTORY)
  endif()
  foreach(action generate check migrate status rollback docs url)
    set(all "")
    if(action STREQUAL "check" AND STRATA_DB_CHECK AND schema)  # nothing to check without a declared schema
      set(all ALL)
    endif()
    add_custom_target(${arg_PREFIX}db-${action} ${all}
      COMMAND "${CMAKE_COMMAND}" -DACTION=${action} ${common} -P "${module_dir}/StrataDbCommand.cmake"
      WORKING_DIRECTORY "${working_directory}"
      COMMENT "strata ${action} (${schema_target})"
      USES_TERMINAL
      VERBATIM)
    if(TARGET "${strata_dependency}")
      add_dependencies(${arg_PREFIX}db-${action} "${strata_dependency}")
    endif()
  endforeach()
endfunction()
