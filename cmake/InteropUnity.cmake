# Unity builds (-DCMAKE_UNITY_BUILD=ON, as CI builds): each target's sources are compiled as one
# translation unit per folder (a layer of the library, an adapter, an area of the tests), so the
# model's templates are parsed and instantiated once per folder instead of once per file. A file
# then shares its anonymous namespace with its folder: names in it must not repeat there.

# interop_unity_by_folder(DIR): every target defined in DIR and below it.
function(interop_unity_by_folder dir)
  if(NOT CMAKE_UNITY_BUILD)
    return()
  endif()
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  foreach(target IN LISTS targets)
    get_target_property(type ${target} TYPE)
    if(type STREQUAL "INTERFACE_LIBRARY" OR type STREQUAL "UTILITY")
      continue()
    endif()
    set_target_properties(${target} PROPERTIES UNITY_BUILD_MODE GROUP)
    get_target_property(sources ${target} SOURCES)
    get_target_property(source_dir ${target} SOURCE_DIR)
    foreach(source IN LISTS sources)
      get_filename_component(path ${source} ABSOLUTE BASE_DIR ${source_dir})
      get_filename_component(folder ${path} DIRECTORY)
      file(RELATIVE_PATH group ${PROJECT_SOURCE_DIR} ${folder})
      string(MAKE_C_IDENTIFIER "${group}" group)
      set_source_files_properties(${path} TARGET_DIRECTORY ${target} PROPERTIES UNITY_GROUP ${group})
    endforeach()
  endforeach()
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(sub IN LISTS subdirs)
    interop_unity_by_folder(${sub})
  endforeach()
endfunction()
