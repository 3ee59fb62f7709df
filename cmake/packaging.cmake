# Installation (`cmake --install`) and the Debian package (`cpack -G DEB`, see scripts/package).
# Installed: tectonic and awsim, their man pages and shell completions (generated from the
# built binary), the user documentation and the cluster.yaml JSON Schema. Tests and test-only
# binaries have no install rules, so they are never installed.
include(GNUInstallDirs)

# Man pages and completion scripts, regenerated whenever tectonic is relinked.
set(TECTONIC_SHELL_DOCS ${PROJECT_BINARY_DIR}/shell-docs)
add_custom_command(
  OUTPUT ${TECTONIC_SHELL_DOCS}/stamp
  COMMAND ${CMAKE_COMMAND} -DTECTONIC=$<TARGET_FILE:tectonic> -DOUT=${TECTONIC_SHELL_DOCS}
          -P ${PROJECT_SOURCE_DIR}/cmake/shell_docs.cmake
  COMMAND ${CMAKE_COMMAND} -E touch ${TECTONIC_SHELL_DOCS}/stamp
  DEPENDS tectonic ${PROJECT_SOURCE_DIR}/cmake/shell_docs.cmake
  COMMENT "Generating man pages and shell completions from tectonic's commands"
  VERBATIM)
add_custom_target(tectonic_shell_docs ALL DEPENDS ${TECTONIC_SHELL_DOCS}/stamp)

install(TARGETS tectonic awsim RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${TECTONIC_SHELL_DOCS}/man1/ DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${TECTONIC_SHELL_DOCS}/completions/bash/tectonic
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
# Debian's zsh reads vendor-completions; other systems have it in $fpath through the package.
install(FILES ${TECTONIC_SHELL_DOCS}/completions/zsh/_tectonic
        DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)

# The README links docs/... and emulator/README.md: keep those paths under the doc directory.
file(GLOB TECTONIC_USER_DOCS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/docs/*.md)
install(FILES README.md CHANGELOG.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${TECTONIC_USER_DOCS} DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs)
install(FILES emulator/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR}/emulator)
install(FILES docs/cluster.schema.json DESTINATION ${CMAKE_INSTALL_DATADIR}/tectonic)

# The Debian package. Runtime dependencies come from dpkg-shlibdeps (what the binaries link,
# with the versions their symbols need); the maintainer and homepage are cache variables so a
# release sets them without editing this file (CONTRIBUTING.md, release checklist).
set(TECTONIC_PACKAGE_MAINTAINER "tectonic maintainers <maintainers@users.noreply.r-seed-6bfbbe7e.example>"
    CACHE STRING "Maintainer field of the Debian package")
set(TECTONIC_PACKAGE_HOMEPAGE "" CACHE STRING "Homepage field of the Debian package (left out when empty)")

set(CPACK_PACKAGE_NAME tectonic)
set(CPACK_PACKAGE_VENDOR tectonic)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "installs a highly available Kubernetes cluster on AWS, checked before it is built")
set(CPACK_PACKAGE_DESCRIPTION
    "tectonic provisions a production Kubernetes cluster on Amazon Web Services from one binary.
Every requirement is checked before anything is created, the install is journaled so a re-run
resumes after any interruption, and destroy proves that nothing the cluster owns is left.
The package also ships awsim, a strict local AWS emulator to try tectonic against.")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)  # debug info stays in the build tree
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # tectonic_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${TECTONIC_PACKAGE_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Suggested, not required: the AWS CLI to look at what was built, as the README does.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "awscli")
if(TECTONIC_PACKAGE_HOMEPAGE)
  set(CPACK_DEBIAN_PACKAGE_HOMEPAGE ${TECTONIC_PACKAGE_HOMEPAGE})
endif()
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
# Only what the install rules above name goes in the package.
set(CPACK_INSTALL_CMAKE_PROJECTS "${PROJECT_BINARY_DIR};${PROJECT_NAME};ALL;/")
include(CPack)
