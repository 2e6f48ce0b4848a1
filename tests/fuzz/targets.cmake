# The fuzz targets (tests/fuzz/fuzz_<name>.cpp) and the project libraries each one links: read
# by tests/fuzz/CMakeLists.txt (libFuzzer binaries, TICKETS_FUZZ=ON) and by tests/CMakeLists.txt
# (fuzz_regressions, the default build's replay of every corpus and regression input).
set(TICKETS_FUZZ_TARGETS bodies query router event task client_json request_head)
set(TICKETS_FUZZ_LIBS_bodies tickets_server_api)
set(TICKETS_FUZZ_LIBS_query tickets_server_api)
set(TICKETS_FUZZ_LIBS_router tickets_server_api tickets_server_http)
set(TICKETS_FUZZ_LIBS_event tickets_common)
set(TICKETS_FUZZ_LIBS_task tickets_common)
set(TICKETS_FUZZ_LIBS_client_json tickets_common)
set(TICKETS_FUZZ_LIBS_request_head tickets_server_http)
