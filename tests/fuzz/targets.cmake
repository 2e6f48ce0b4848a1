# The fuzz targets (tests/fuzz/fuzz_<name>.cpp) and the project libraries each one links: read
# by tests/fuzz/CMakeLists.txt (libFuzzer binaries, TICKETS_FUZZ=ON) and by tests/CMakeLists.txt
# (fuzz_regressions, the default build's replay of every corpus and regression input).
# The order is the order scripts/fuzz.sh runs them in: most exposed first, so a short budget
# (TICKETS_FUZZ_BUDGET) spends its time where the network reaches.
set(TICKETS_FUZZ_TARGETS request_head bodies router query event task client_json)
set(TICKETS_FUZZ_LIBS_bodies tickets_server_api)
set(TICKETS_FUZZ_LIBS_query tickets_server_api)
set(TICKETS_FUZZ_LIBS_router tickets_server_api tickets_server_http)
set(TICKETS_FUZZ_LIBS_event tickets_common)
set(TICKETS_FUZZ_LIBS_task tickets_common)
set(TICKETS_FUZZ_LIBS_client_json tickets_common)
set(TICKETS_FUZZ_LIBS_request_head tickets_server_http)
