// fuzz_regressions: every fuzz target, built without libFuzzer, run once on each file of its
// seed corpus (tests/fuzz/corpus/<name>) and of its regression cases (tests/fuzz/regressions/<name>),
// so the default build checks them on every run. A broken invariant aborts; a crash crashes.

#include "FuzzTarget.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace tickets::fuzz {
namespace {
std::map<std::string, Entry> &targets()
{
    static std::map<std::string, Entry> all;
    return all;
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
            const fs::path dir = root / kind / name;
            if (!fs::is_directory(dir))
                continue;
            std::vector<fs::path> files;
            for (const auto &item : fs::directory_iterator(dir)) {
                if (item.is_regular_file())
                    files.push_back(item.path());
            }
            std::sort(files.begin(), files.end());
            for (const fs::path &file : files) {
                std::ifstream in(file, std::ios::binary);
                const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
                std::cerr << name << ": " << file.string() << '\n';
                entry(reinterpret_cast<const std::uint8_t *>(bytes.data()), bytes.size());
                ++perTarget;
            }
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
