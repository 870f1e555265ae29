# Installs the project into a scratch prefix, then builds examples/link-libinterop against it,
# and again against the build tree, and runs both on the demo school.
#   cmake -DSOURCE_DIR=… -DBINARY_DIR=… -DWORK_DIR=… -DGENERATOR=… -DBUILD_TYPE=… -P find_package_test.cmake

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()

# A sanitized library needs its runtime in whatever links it; the build's linker links faster.
file(STRINGS ${BINARY_DIR}/CMakeCache.txt sanitize REGEX "^INTEROP_SANITIZE:BOOL=ON")
file(STRINGS ${BINARY_DIR}/CMakeCache.txt use_lld REGEX "^INTEROP_USE_LLD:BOOL=ON")
file(STRINGS ${BINARY_DIR}/CMakeCache.txt lld REGEX "^INTEROP_LLD:FILEPATH=.+")
set(extra_flags "")
set(link_flags "")
if(use_lld AND lld AND NOT lld MATCHES "NOTFOUND$")
  set(link_flags "-fuse-ld=lld")
endif()
if(sanitize)
  list(APPEND extra_flags "-DCMAKE_CXX_FLAGS=-fsanitize=address,undefined")
  string(APPEND link_flags " -fsanitize=address,undefined")
endif()
list(APPEND extra_flags "-DCMAKE_EXE_LINKER_FLAGS=${link_flags}")

file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)
run(${CMAKE_COMMAND} --install ${BINARY_DIR} --prefix ${prefix})

foreach(mode installed buildtree)
  if(mode STREQUAL installed)
    set(locate -DCMAKE_PREFIX_PATH=${prefix})
  else()
    set(locate -DInterop_DIR=${BINARY_DIR})
  endif()
  set(build ${WORK_DIR}/${mode})
  run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/examples/link-libinterop -B ${build} -G ${GENERATOR}
      -DCMAKE_BUILD_TYPE=${BUILD_TYPE} ${locate} ${extra_flags})
  run(${CMAKE_COMMAND} --build ${build})
  run(${build}/count-records ${SOURCE_DIR}/examples/demo-school/demo-school.json)
  if(NOT last_output MATCHES "format: json\n" OR NOT last_output MATCHES "\nstudent: [0-9]+\n")
    message(FATAL_ERROR "${mode}: unexpected output:\n${last_output}")
  endif()
  message(STATUS "${mode}: ok")
endforeach()
