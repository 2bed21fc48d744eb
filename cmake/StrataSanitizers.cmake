# -DSTRATA_SANITIZE=ON builds everything with AddressSanitizer and UndefinedBehaviorSanitizer.
option(STRATA_SANITIZE "Build with address and undefined-behaviour sanitizers" OFF)
if(STRATA_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
