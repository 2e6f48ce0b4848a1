# CPack pre-build script: for RPM, the systemd units move from /lib/systemd/system (Debian's
# place) to /usr/lib/systemd/system, where RPM-based systems own them.
if(CPACK_GENERATOR STREQUAL "RPM")
    file(GLOB staged LIST_DIRECTORIES true "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*/lib/systemd/system"
                                          "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/lib/systemd/system")
    foreach(dir ${staged})
        get_filename_component(root "${dir}/../../.." ABSOLUTE)
        file(MAKE_DIRECTORY "${root}/usr/lib/systemd")
        file(RENAME "${dir}" "${root}/usr/lib/systemd/system")
        file(REMOVE_RECURSE "${root}/lib")
    endforeach()
endif()
