# `cmake --install <build> --prefix <dir>` installs the runtime library and its headers, the
# `strata` executable and a CMake package: find_package(strata) gives strata::runtime,
# strata::strata and strata_add_schema() / strata_add_db_targets() (docs/cmake.md).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(STRATA_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/strata" CACHE STRING "Where strataConfig.cmake is installed")

set_target_properties(strata_runtime PROPERTIES EXPORT_NAME runtime)
set(strata_install_targets strata_runtime strata_pg_query)
if(TARGET strata)
  set_target_properties(strata PROPERTIES EXPORT_NAME strata)
  list(APPEND strata_install_targets strata)
endif()
# strata_pg_query is the runtime's private link dependency (a static library needs it exported).
set_target_properties(strata_pg_query PROPERTIES EXPORT_NAME pg_query)
install(TARGETS ${strata_install_targets} EXPORT strataTargets
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/runtime/include/strata DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT strataTargets NAMESPACE strata:: DESTINATION ${STRATA_INSTALL_CMAKEDIR})

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
  DESTINATION ${STRATA_INSTALL_CMAKEDIR})
