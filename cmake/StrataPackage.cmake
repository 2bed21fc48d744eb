# `cpack -G DEB` in the build directory makes strata_<version>_<arch>.deb: everything
# `cmake --install` installs (the strata executable, the libraries and their headers, the CMake
# package) under /usr, plus the bash completion. Its Depends: are the shared libraries the
# executable loads (dpkg-shlibdeps) and what a find_package(strata) consumer compiles and links
# against (libpqxx/libpq and, for COMPONENTS runtime and gtest, Boost, OpenSSL, libpg_query,
# GoogleTest), and a PostgreSQL server for the throwaway clusters. tests/consumers (mode deb)
# builds it, unpacks it into a scratch root and builds a consumer against it.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME strata)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "PostgreSQL schema pipeline for C++ and CMake")
set(CPACK_PACKAGE_DESCRIPTION "Declared PostgreSQL schemas become versioned, proven migrations; \
a migration runner with locks, checksums and timeouts; a migration linter; typed C++ accessors \
and queries over libpqxx; throwaway databases for tests; a CMake package (find_package(strata)).")
set(CPACK_PACKAGE_CONTACT "strata maintainers <strata@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # strata_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION database)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
  "libpqxx-dev, libpq-dev, nlohmann-json3-dev, pkg-config, libboost-filesystem-dev, libssl-dev, libpg-query-dev, \
postgresql-15 | postgresql-16 | postgresql-17, postgresql-client-15 | postgresql-client-16 | postgresql-client-17")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "cmake (>= 3.25), g++ (>= 4:12), libgtest-dev")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "pgbouncer, podman")
include(CPack)
