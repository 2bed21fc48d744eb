# `cmake --install <build> --prefix <dir>` installs the libraries and their headers, the `strata`
# executable and a CMake package (docs/cmake.md):
#   find_package(strata)                      strata::client, strata::strata, strata_add_schema()
#   find_package(strata COMPONENTS runtime)   also strata::runtime (clusters, runner, test databases)
#   find_package(strata COMPONENTS gtest)     also strata::gtest (a fresh database per GoogleTest
#                                             test) and StrataTesting.cmake (the CTest fixture)
# The client needs libpqxx and libpq only; the runtime's dependencies (Boost, OpenSSL, libpg_query)
# are looked for only when it is asked for.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(STRATA_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/strata" CACHE STRING "Where strataConfig.cmake is installed")

function(strata_install_export target export_name set_name)
  set_target_properties(${target} PROPERTIES EXPORT_NAME ${export_name})
  install(TARGETS ${target} EXPORT ${set_name}
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
  install(EXPORT ${set_name} NAMESPACE strata:: DESTINATION ${STRATA_INSTALL_CMAKEDIR})
endfunction()

strata_install_export(strata_client client strataClientTargets)
strata_install_export(strata_runtime runtime strataRuntimeTargets)
if(TARGET strata)
  strata_install_export(strata strata strataExecutableTargets)
endif()
if(TARGET strata_gtest)
  strata_install_export(strata_gtest gtest strataGtestTargets)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/runtime/gtest/include/strata DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  install(FILES ${PROJECT_SOURCE_DIR}/cmake/StrataTesting.cmake DESTINATION ${STRATA_INSTALL_CMAKEDIR})
endif()
install(DIRECTORY ${PROJECT_SOURCE_DIR}/runtime/client/include/strata DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/runtime/include/strata DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/strataConfig.cmake.in
  ${PROJECT_BINARY_DIR}/strataConfig.cmake
  INSTALL_DESTINATION ${STRATA_INSTALL_CMAKEDIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/strataConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES
  ${PROJECT_BINARY_DIR}/strataConfig.cmake
  ${PROJECT_BINARY_DIR}/strataConfigVersion.cmake
  ${PROJECT_SOURCE_DIR}/cmake/StrataSchema.cmake
  ${PROJECT_SOURCE_DIR}/cmake/StrataDbCommand.cmake
  ${PROJECT_SOURCE_DIR}/cmake/StrataPgQuery.cmake
  DESTINATION ${STRATA_INSTALL_CMAKEDIR})

# `strata <TAB>`: the bash completion (scripts/completion/strata.bash), where bash-completion
# looks for it.
install(FILES ${PROJECT_SOURCE_DIR}/scripts/completion/strata.bash
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME strata)
