# Warnings and sanitizers, applied to each of the project's own targets.
function(interop_build_flags target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    # RapidJSON 1.1.0's member iterators declare operator== only for const operands; clang
    # reports every `it == doc.MemberEnd()` as ambiguous under C++20.
    target_compile_options(${target} PRIVATE -Wno-ambiguous-reversed-operator)
    if(INTEROP_SANITIZE OR INTEROP_FUZZ)
      # Relative to the build tree, where ninja runs the compiler: an absolute path here would
      # make every unit miss ccache from a clone in another folder.
      file(RELATIVE_PATH ignorelist ${CMAKE_BINARY_DIR} ${PROJECT_SOURCE_DIR}/cmake/sanitizer-ignorelist.txt)
      target_compile_options(${target} PRIVATE -fsanitize-ignorelist=${ignorelist})
    endif()
  endif()
  if(INTEROP_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  # Every sanitizer report is fatal, in tests and in fuzzing alike.
  if(INTEROP_SANITIZE OR INTEROP_FUZZ)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
    # -no-pie: a sanitized executable then starts in 0.12 s instead of 0.21 s (1.9 million fewer
    # relocations), and the suite starts some 400 of them.
    target_link_options(${target} PRIVATE -fsanitize=address,undefined -no-pie)
  endif()
endfunction()

# interop_fuzz_coverage(target): libFuzzer's coverage instrumentation, for the code the fuzz
# targets reach (the library, hubd's core, the network layer, the targets); not for the tests
# and tools, where it would only slow the build.
function(interop_fuzz_coverage target)
  if(INTEROP_FUZZ)
    target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link)
  endif()
endfunction()
