// fuzz_regressions: every fuzz target, built without libFuzzer, run once on each file of its
// seed corpus (tests/fuzz/corpus/<name>) and of its regression cases (tests/fuzz/regressions/<name>),
// so the default build checks them on every run. A broken invariant aborts; a crash crashes.
// The inputs of tests/fuzz/known/<name> (issues in code fuzzing does not own, README.md there)
// run in a child process with TICKETS_FUZZ_STRICT=1: reported as still open or as fixed, never
// failing this test.

#include "FuzzTarget.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;

namespace tickets::fuzz {
namespace {
std::map<std::string, Entry> &targets()
{
    static std::map<std::string, Entry> all;
    return all;
}

std::vector<fs::path> filesOf(const fs::path &dir)
{
    std::vector<fs::path> files;
    if (fs::is_directory(dir)) {
        for (const auto &item : fs::directory_iterator(dir)) {
            if (item.is_regular_file() && item.path().filename() != "README.md")
                files.push_back(item.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string contentsOf(const fs::path &file)
{
    std::ifstream in(file, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// True when `entry` aborts (or crashes) on `bytes` in a child with TICKETS_FUZZ_STRICT=1.
bool failsStrictly(Entry entry, const std::string &bytes)
{
    std::cout.flush();
    std::cerr.flush();
    const pid_t child = fork();
    if (child == 0) {
        const rlimit noCore{0, 0};
        setrlimit(RLIMIT_CORE, &noCore);
        setenv("TICKETS_FUZZ_STRICT", "1", 1);
        entry(reinterpret_cast<const std::uint8_t *>(bytes.data()), bytes.size());
        _exit(0);
    }
    int status = 0;
    if (child < 0 || waitpid(child, &status, 0) != child)
        return true; // could not tell: counted as still open
    return !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}
} // namespace

bool registerTarget(const char *name, Entry entry)
{
    targets()[name] = entry;
    return true;
}

} // namespace tickets::fuzz

int main(int argc, char **argv)
{
    const fs::path root = argc > 1 ? fs::path(argv[1]) : fs::path(TICKETS_FUZZ_DIR);
    int inputs = 0;
    for (const auto &[name, entry] : tickets::fuzz::targets()) {
        int perTarget = 0;
        for (const char *kind : {"corpus", "regressions"}) {
            for (const fs::path &file : tickets::fuzz::filesOf(root / kind / name)) {
                const std::string bytes = tickets::fuzz::contentsOf(file);
                std::cerr << name << ": " << file.string() << '\n';
                entry(reinterpret_cast<const std::uint8_t *>(bytes.data()), bytes.size());
                ++perTarget;
            }
        }
        for (const fs::path &file : tickets::fuzz::filesOf(root / "known" / name)) {
            const bool stillOpen = tickets::fuzz::failsStrictly(entry, tickets::fuzz::contentsOf(file));
            std::cout << name << ": known issue "
                      << (stillOpen ? "still open: " : "passes now, move it to regressions/: ") << file.string()
                      << '\n';
        }
        if (perTarget == 0) {
            std::cerr << "FAIL: no corpus for fuzz target " << name << " under " << root.string() << '\n';
            return 1;
        }
        std::cout << name << ": " << perTarget << " inputs\n";
        inputs += perTarget;
    }
    std::cout << "fuzz_regressions: " << inputs << " inputs of " << tickets::fuzz::targets().size()
              << " targets, no invariant broken\n";
    return 0;
}
