# Install rules and the package config so that find_package(Interop) works from an install
# tree and from this build tree, giving the namespaced target interop::interop.
include(CMakePackageConfigHelpers)

install(TARGETS interop EXPORT InteropTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY libinterop/include/ ${PROJECT_BINARY_DIR}/generated/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS interop-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

set(INTEROP_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/Interop)
install(EXPORT InteropTargets NAMESPACE interop:: DESTINATION ${INTEROP_CMAKE_DIR})
export(EXPORT InteropTargets NAMESPACE interop:: FILE ${PROJECT_BINARY_DIR}/InteropTargets.cmake)

configure_package_config_file(cmake/InteropConfig.cmake.in ${PROJECT_BINARY_DIR}/InteropConfig.cmake
  INSTALL_DESTINATION ${INTEROP_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/InteropConfigVersion.cmake COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/InteropConfig.cmake ${PROJECT_BINARY_DIR}/InteropConfigVersion.cmake
  DESTINATION ${INTEROP_CMAKE_DIR})
