# Warnings are errors on strata's own targets only (not on consumers of the headers).
function(strata_strict_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror -Wno-deprecated-declarations)
  # GCC 12 at -O3 (CMake's Release) reports impossible memcpy overlaps inside std::string's
  # operator+ (GCC bug 105329); they stay visible as warnings but must not fail a Release build.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -Wno-error=restrict)
  endif()
endfunction()
