# Runs one `strata` command for the db-* targets of strata_add_db_targets() (StrataSchema.cmake).
# Run at build time in script mode, so the environment of `cmake --build` decides the target:
#
#   cmake -DACTION=<generate|check|migrate|status|rollback|docs> -DSTRATA=<exe>
#         -DMIGRATIONS=<dir> [-DSCHEMA=<dir>] [-DPROJECT=<strata.json>] -DDEV_DIR=<dir>
#         [-DDEFAULT_NAME=<slug>] [-DDEFAULT_ENV=<env>] [-DDEFAULT_URL=<url>]
#         [-DDOCS_OUT=<file>] -P StrataDbCommand.cmake
#
# Target database of migrate / status / rollback, first that is set:
#   $STRATA_ENV (an environment of strata.json) > $DATABASE_URL > the cache variables
#   STRATA_ENV / DATABASE_URL of the build (DEFAULT_ENV / DEFAULT_URL) > the embedded development
#   database, whose data lives in DEV_DIR (the build tree's STRATA_DEV_DIR).
# db-generate takes its slug from $NAME, else DEFAULT_NAME (cache variable STRATA_MIGRATION_NAME).
# db-rollback takes $TO (a version) or $STEPS (default 1). $YES=1 adds --yes (protected
# environments).
cmake_minimum_required(VERSION 3.25)

foreach(required ACTION STRATA MIGRATIONS DEV_DIR)
  if(NOT DEFINED ${required} OR "${${required}}" STREQUAL "")
    message(FATAL_ERROR "StrataDbCommand.cmake: ${required} is not set")
  endif()
endforeach()

set(command "${STRATA}")
set(project_arguments "")
if(PROJECT AND EXISTS "${PROJECT}")
  set(project_arguments --project "${PROJECT}")
endif()

# --env / --url / development database.
set(target_arguments "")
set(target_description "")
if(NOT "$ENV{STRATA_ENV}" STREQUAL "")
  set(target_arguments --env "$ENV{STRATA_ENV}")
  set(target_description "environment $ENV{STRATA_ENV} (STRATA_ENV)")
elseif(NOT "$ENV{DATABASE_URL}" STREQUAL "")
  set(target_arguments --url "$ENV{DATABASE_URL}")
  set(target_description "DATABASE_URL")
elseif(NOT "${DEFAULT_ENV}" STREQUAL "")
  set(target_arguments --env "${DEFAULT_ENV}")
  set(target_description "environment ${DEFAULT_ENV} (cache variable STRATA_ENV)")
elseif(NOT "${DEFAULT_URL}" STREQUAL "")
  set(target_arguments --url "${DEFAULT_URL}")
  set(target_description "cache variable DATABASE_URL")
else()
  set(ENV{STRATA_DEV_DIR} "${DEV_DIR}")
  set(target_description "development database in ${DEV_DIR}")
endif()
set(yes_arguments "")
if("$ENV{YES}" STREQUAL "1")
  set(yes_arguments --yes)
endif()

if(ACTION STREQUAL "generate" OR ACTION STREQUAL "check")
  if(NOT SCHEMA)
    message(FATAL_ERROR "db-${ACTION}: the schema has no SCHEMA directory (strata_add_schema(... SCHEMA <dir>))")
  endif()
  set(arguments generate --schema "${SCHEMA}" --migrations "${MIGRATIONS}")
  if(ACTION STREQUAL "check")
    list(APPEND arguments --check)
  else()
    set(name "$ENV{NAME}")
    if(name STREQUAL "")
      set(name "${DEFAULT_NAME}")
    endif()
    if(NOT name STREQUAL "")
      list(APPEND arguments --name "${name}")
    endif()
  endif()
elseif(ACTION STREQUAL "migrate")
  set(arguments migrate ${project_arguments} --migrations "${MIGRATIONS}" ${target_arguments} ${yes_arguments})
elseif(ACTION STREQUAL "status")
  set(arguments status ${project_arguments} --migrations "${MIGRATIONS}" ${target_arguments})
elseif(ACTION STREQUAL "rollback")
  set(arguments rollback ${project_arguments} --migrations "${MIGRATIONS}" ${target_arguments} ${yes_arguments})
  if(NOT "$ENV{TO}" STREQUAL "")
    list(APPEND arguments --to "$ENV{TO}")
  elseif(NOT "$ENV{STEPS}" STREQUAL "")
    list(APPEND arguments --steps "$ENV{STEPS}")
  else()
    list(APPEND arguments --steps 1)
  endif()
elseif(ACTION STREQUAL "docs")
  if(NOT SCHEMA)
    message(FATAL_ERROR "db-docs: the schema has no SCHEMA directory (strata_add_schema(... SCHEMA <dir>))")
  endif()
  execute_process(COMMAND "${STRATA}" docs --help RESULT_VARIABLE has_docs OUTPUT_QUIET ERROR_QUIET)
  if(NOT has_docs EQUAL 0)
    message(FATAL_ERROR "db-docs: this strata (${STRATA}) has no `docs` command")
  endif()
  set(arguments docs --schema "${SCHEMA}" --out "${DOCS_OUT}")
else()
  message(FATAL_ERROR "StrataDbCommand.cmake: unknown ACTION ${ACTION}")
endif()

if(ACTION MATCHES "^(migrate|status|rollback)$")
  message(STATUS "strata ${ACTION}: ${target_description}")
endif()
execute_process(COMMAND "${STRATA}" ${arguments} RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  if(ACTION STREQUAL "check")
    message(FATAL_ERROR "db-check: the declared schema has changes no migration covers, or strata.sum does not match; "
                        "run `cmake --build <dir> --target db-generate` (NAME=<slug>) or `strata hash`")
  elseif(ACTION STREQUAL "status")
    message(FATAL_ERROR "db-status: the database is not current (exit ${result})")
  else()
    message(FATAL_ERROR "db-${ACTION}: strata ${ACTION} failed (exit ${result})")
  endif()
endif()
