#pragma once
// One fuzz target, built two ways from the same source file:
//   - with TICKETS_FUZZ_LIBFUZZER (tests/fuzz, clang): the function is LLVMFuzzerTestOneInput;
//   - without it (tests/CMakeLists.txt, fuzz_regressions): it is registered under its name, and
//     FuzzReplay.cpp runs it on every file of tests/fuzz/corpus/<name> and tests/fuzz/regressions/<name>.
// FUZZ_CHECK states an invariant: a broken one aborts, which both builds report as a failure.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>

namespace tickets::fuzz {

using Entry = int (*)(const std::uint8_t *data, std::size_t size);

// Registers `entry` under `name`, for the replay build (FuzzReplay.cpp); returns true.
bool registerTarget(const char *name, Entry entry);

// Read when a known invariant breaks (rarely), so a replay may set it at any time.
inline bool strictKnown()
{
    const char *value = std::getenv("TICKETS_FUZZ_STRICT");
    return value && value[0] == '1';
}

[[noreturn]] inline void fail(const char *file, int line, const char *what)
{
    std::fprintf(stderr, "fuzz invariant broken at %s:%d: %s\n", file, line, what);
    std::abort();
}

} // namespace tickets::fuzz

// An invariant that is known to be broken by code this project's fuzzing does not own
// (tests/fuzz/known/README.md says which and how to reproduce it). While fuzzing, an input that
// breaks it is skipped, so the run goes on; with TICKETS_FUZZ_STRICT=1 (how scripts/fuzz.sh and
// fuzz_regressions replay tests/fuzz/known/) it aborts like FUZZ_CHECK, which shows whether the
// issue is still open. Only in a function that returns void.
#define FUZZ_KNOWN(condition, issue)                                                                                   \
    do {                                                                                                               \
        if (!(condition)) {                                                                                            \
            if (::tickets::fuzz::strictKnown())                                                                        \
                ::tickets::fuzz::fail(__FILE__, __LINE__, "known issue " issue ": " #condition);                       \
            return;                                                                                                    \
        }                                                                                                              \
    } while (false)

#define FUZZ_CHECK(condition)                                                                                          \
    do {                                                                                                               \
        if (!(condition))                                                                                              \
            ::tickets::fuzz::fail(__FILE__, __LINE__, #condition);                                                     \
    } while (false)

// No exception may leave a target: the server's layers turn expected failures into answers.
#define TICKETS_FUZZ_GUARDED(call)                                                                                     \
    try {                                                                                                              \
        call;                                                                                                          \
    } catch (const std::exception &error) {                                                                            \
        ::tickets::fuzz::fail(__FILE__, __LINE__, error.what());                                                       \
    } catch (...) {                                                                                                    \
        ::tickets::fuzz::fail(__FILE__, __LINE__, "an exception of unknown type escaped");                             \
    }

#ifdef TICKETS_FUZZ_LIBFUZZER
#define TICKETS_FUZZ_TARGET(name)                                                                                      \
    static void fuzzOne(const std::uint8_t *data, std::size_t size);                                                   \
    extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)                                  \
    {                                                                                                                  \
        TICKETS_FUZZ_GUARDED(fuzzOne(data, size))                                                                      \
        return 0;                                                                                                      \
    }                                                                                                                  \
    static void fuzzOne(const std::uint8_t *data, std::size_t size)
#else
#define TICKETS_FUZZ_TARGET(name)                                                                                      \
    static void fuzzOne_##name(const std::uint8_t *data, std::size_t size);                                            \
    static int fuzzEntry_##name(const std::uint8_t *data, std::size_t size)                                            \
    {                                                                                                                  \
        TICKETS_FUZZ_GUARDED(fuzzOne_##name(data, size))                                                               \
        return 0;                                                                                                      \
    }                                                                                                                  \
    [[maybe_unused]] static const bool fuzzRegistered_##name =                                                         \
        ::tickets::fuzz::registerTarget(#name, fuzzEntry_##name);                                                      \
    static void fuzzOne_##name(const std::uint8_t *data, std::size_t size)
#endif
