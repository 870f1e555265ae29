# Warnings and sanitizers, applied to each of the project's own targets.
function(interop_build_flags target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    # RapidJSON 1.1.0's member iterators declare operator== only for const operands; clang
    # reports every `it == doc.MemberEnd()` as ambiguous under C++20.
    target_compile_options(${target} PRIVATE -Wno-ambiguous-reversed-operator)
    if(INTEROP_SANITIZE OR INTEROP_FUZZ)
      target_compile_options(${target} PRIVATE -fsanitize-ignorelist=${PROJECT_SOURCE_DIR}/cmake/sanitizer-ignorelist.txt)
    endif()
  endif()
  if(INTEROP_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  # Fuzzing: coverage instrumentation for libFuzzer, with the sanitizers on.
  if(INTEROP_FUZZ)
    target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link)
  endif()
  # Every sanitizer report is fatal, in tests and in fuzzing alike.
  if(INTEROP_SANITIZE OR INTEROP_FUZZ)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()
