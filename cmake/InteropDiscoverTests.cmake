# interop_discover_tests(TARGET PREFIX p LABELS l… TIMEOUT s): a ctest entry for each doctest test
# case of the executable TARGET, named p/CASE, run alone (`--test-case`), with those labels, that
# timeout and exit code 77 as "skipped". The cases are listed after each link (the list is
# read by ctest from a file the build writes), so adding a case needs no new cmake run.
#
# doctest's own doctest_discover_tests splits names at ';' (a CMake list) and cannot label its
# tests with a list; here a name is kept whole and given to doctest with its commas escaped.
set(INTEROP_DISCOVER_SCRIPT ${CMAKE_CURRENT_LIST_FILE})

if(CMAKE_SCRIPT_MODE_FILE)
  # Script mode: -DEXECUTABLE= -DOUTPUT= -DPREFIX= -DLABELS= -DTIMEOUT= -DWORKING_DIRECTORY=
  execute_process(COMMAND ${EXECUTABLE} --list-test-cases --no-version=true OUTPUT_VARIABLE listing RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${EXECUTABLE} --list-test-cases failed (${rc}):\n${listing}")
  endif()
  string(REPLACE "," ";" LABELS "${LABELS}")
  string(REPLACE ";" "\\;" listing "${listing}")
  string(REPLACE "\n" ";" lines "${listing}")
  set(script "")
  set(count 0)
  foreach(name IN LISTS lines)
    if(name STREQUAL "" OR name MATCHES "^\\[doctest\\]" OR name MATCHES "^=+$")
      continue()
    endif()
    string(REPLACE "," "\\," filter "${name}")
    string(APPEND script "add_test([==[${PREFIX}/${name}]==] [==[${EXECUTABLE}]==] [==[--test-case=${filter}]==])\n"
                         "set_tests_properties([==[${PREFIX}/${name}]==] PROPERTIES WORKING_DIRECTORY [==[${WORKING_DIRECTORY}]==]"
                         " SKIP_RETURN_CODE 77 TIMEOUT ${TIMEOUT} LABELS [==[${LABELS}]==])\n")
    math(EXPR count "${count} + 1")
  endforeach()
  if(count EQUAL 0)
    message(FATAL_ERROR "${EXECUTABLE} lists no test case")
  endif()
  file(WRITE ${OUTPUT} "${script}")
  return()
endif()

function(interop_discover_tests target)
  cmake_parse_arguments(D "" "PREFIX;TIMEOUT" "LABELS" ${ARGN})
  set(output ${CMAKE_CURRENT_BINARY_DIR}/${target}_cases.cmake)
  string(REPLACE ";" "," labels "${D_LABELS}") # a list in one argument; the script splits it again
  add_custom_command(TARGET ${target} POST_BUILD BYPRODUCTS ${output}
    COMMAND ${CMAKE_COMMAND} -DEXECUTABLE=$<TARGET_FILE:${target}> -DOUTPUT=${output} -DPREFIX=${D_PREFIX}
            -DLABELS=${labels} -DTIMEOUT=${D_TIMEOUT} -DWORKING_DIRECTORY=${CMAKE_CURRENT_BINARY_DIR}
            -P ${INTEROP_DISCOVER_SCRIPT}
    VERBATIM)
  set(include_file ${CMAKE_CURRENT_BINARY_DIR}/${target}_include.cmake)
  file(WRITE ${include_file} "if(EXISTS [==[${output}]==])\n  include([==[${output}]==])\nelse()\n  add_test(${target}_NOT_BUILT ${target}_NOT_BUILT)\nendif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${include_file})
endfunction()
