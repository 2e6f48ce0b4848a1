# Per-generator settings CPack reads while packaging.
if(CPACK_GENERATOR STREQUAL "TGZ")
    # The archive holds usr/..., etc/... and lib/... as they go under /.
    set(CPACK_PACKAGING_INSTALL_PREFIX "")
endif()
