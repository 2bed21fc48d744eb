# Warnings are errors on strata's own targets only (not on consumers of the headers).
function(strata_strict_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Werror -Wno-deprecated-declarations)
endfunction()
