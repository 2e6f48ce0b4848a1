#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang (build-fuzz/, -DTICKETS_FUZZ=ON) and runs
# each for a bounded time.
#   scripts/fuzz.sh [SECONDS]   seconds of fuzzing per target (default 30)
# First every regression input (tests/fuzz/regressions/<name>) and seed (tests/fuzz/corpus/<name>)
# is replayed once. Then each target fuzzes a copy of its seed corpus (build-fuzz/fuzz-work/<name>;
# the checked-in corpus is left as it is). An input that crashes a target, breaks one of its
# invariants, times out (5 s) or exceeds 1 GiB is copied to tests/fuzz/regressions/<name>/ (commit
# it: from then on this script and the fuzz_regressions unit test replay it), and the script ends
# with exit code 1 after one line per failure naming the target and the input. The inputs of
# tests/fuzz/known/<name> (issues in code fuzzing does not own) are replayed strictly and reported
# as still open or fixed; they never fail the run.
# Environment:
#   TICKETS_FUZZ_TARGETS="bodies router"  only these targets (default: all, tests/fuzz/targets.cmake)
#   TICKETS_FUZZ_BUDGET=300               the whole run, build included, ends within this many
#                                         seconds: later targets get less time when the build was slow
#   TICKETS_FUZZ_JOBS=2                   build parallelism
#   TICKETS_FUZZ_BUILD_DIR                the build directory (default build-fuzz)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-30}
budget=${TICKETS_FUZZ_BUDGET:-0}
jobs=${TICKETS_FUZZ_JOBS:-2}
build=${TICKETS_FUZZ_BUILD_DIR:-$root/build-fuzz}
fuzzdir=$root/tests/fuzz
start=$SECONDS

if [ -n "${TICKETS_FUZZ_TARGETS:-}" ]; then
    read -r -a targets <<<"$TICKETS_FUZZ_TARGETS"
else
    read -r -a targets <<<"$(sed -n 's/^set(TICKETS_FUZZ_TARGETS \(.*\))$/\1/p' "$fuzzdir/targets.cmake")"
fi
[ ${#targets[@]} -gt 0 ] || { echo "fuzz: no targets in $fuzzdir/targets.cmake" >&2; exit 2; }

# Longest input per target: bodies and JSON need room for nesting, paths and queries less.
max_len() {
    case "$1" in
        router | query | request_head) echo 2048 ;;
        *) echo 4096 ;;
    esac
}
dict() {
    case "$1" in
        router) echo "$fuzzdir/router.dict" ;;
        query) echo "$fuzzdir/query.dict" ;;
        request_head) echo "$fuzzdir/request_head.dict" ;;
        *) echo "$fuzzdir/json.dict" ;;
    esac
}

echo "== fuzz: build (clang, libFuzzer + ASan + UBSan) in $build =="
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DTICKETS_FUZZ=ON \
      -DTICKETS_BUILD_DESKTOP=OFF >/dev/null
if ! ninja -C "$build" -j "$jobs" "${targets[@]/#/fuzz_}" >"$build/fuzz-build.log" 2>&1; then
    grep -v '^\[' "$build/fuzz-build.log" | tail -n 60 >&2
    echo "FAIL fuzz: the build failed (log: $build/fuzz-build.log)"
    exit 1
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
options=(-timeout=5 -rss_limit_mb=1024)
failures=()
work=$build/fuzz-work
mkdir -p "$work"

# The file that was running when a replay died: libFuzzer prints "Running: FILE" before each.
last_running() {
    sed -n 's/^Running: //p' "$1" | tail -n 1
}

echo "== fuzz: replay of every regression input and seed =="
for name in "${targets[@]}"; do
    bin=$build/tests/fuzz/fuzz_$name
    mapfile -t inputs < <(find "$fuzzdir/regressions/$name" "$fuzzdir/corpus/$name" -type f 2>/dev/null | sort)
    if [ ${#inputs[@]} -eq 0 ]; then
        failures+=("FAIL fuzz_$name: no seed corpus in tests/fuzz/corpus/$name")
        continue
    fi
    log=$work/$name.replay.log
    if "$bin" "${options[@]}" "${inputs[@]}" >"$log" 2>&1; then
        echo "fuzz_$name: ${#inputs[@]} inputs replayed"
    else
        failures+=("FAIL fuzz_$name: $(last_running "$log" | sed "s|^$root/||") crashes it (log: $log)")
        tail -n 40 "$log" >&2
    fi
done

echo "== fuzz: known issues in code fuzzing does not own (tests/fuzz/known/README.md) =="
for name in "${targets[@]}"; do
    bin=$build/tests/fuzz/fuzz_$name
    for input in "$fuzzdir/known/$name"/*; do
        [ -f "$input" ] || continue
        if TICKETS_FUZZ_STRICT=1 "$bin" "${options[@]}" "$input" >"$work/$name.known.log" 2>&1; then
            echo "fuzz_$name: passes now, move it to tests/fuzz/regressions/$name/: ${input#"$root"/}"
        else
            echo "fuzz_$name: still open: ${input#"$root"/}"
        fi
    done
done

echo "== fuzz: ${seconds}s per target =="
remaining=${#targets[@]}
for name in "${targets[@]}"; do
    bin=$build/tests/fuzz/fuzz_$name
    time=$seconds
    if [ "$budget" -gt 0 ]; then
        # What is left of the budget, shared by the targets still to run (10 s kept for start-up).
        share=$(((budget - (SECONDS - start) - 10 * remaining) / remaining))
        [ "$share" -lt "$time" ] && time=$share
    fi
    remaining=$((remaining - 1))
    if [ "$time" -lt 1 ]; then
        echo "fuzz_$name: skipped, TICKETS_FUZZ_BUDGET=${budget}s is spent"
        continue
    fi
    rm -rf "$work/$name"
    mkdir -p "$work/$name/corpus" "$work/$name/artifacts"
    cp "$fuzzdir/corpus/$name"/* "$work/$name/corpus/" 2>/dev/null || true
    [ -d "$fuzzdir/regressions/$name" ] && cp "$fuzzdir/regressions/$name"/* "$work/$name/corpus/" 2>/dev/null
    log=$work/$name.log
    status=0
    "$bin" "${options[@]}" -max_total_time="$time" -max_len="$(max_len "$name")" -dict="$(dict "$name")" \
           -artifact_prefix="$work/$name/artifacts/" -print_final_stats=1 "$work/$name/corpus" >"$log" 2>&1 ||
        status=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
    ft=$(grep -o 'ft: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
    echo "fuzz_$name: ${time}s, ${execs:-?} runs (${rate:-?}/s), cov ${cov:-?}, ft ${ft:-?}, corpus $(find "$work/$name/corpus" -type f | wc -l) files"
    if [ "$status" -ne 0 ]; then
        mkdir -p "$fuzzdir/regressions/$name"
        found=0
        for artifact in "$work/$name/artifacts"/*; do
            [ -f "$artifact" ] || continue
            cp "$artifact" "$fuzzdir/regressions/$name/"
            failures+=("FAIL fuzz_$name: tests/fuzz/regressions/$name/$(basename "$artifact") (log: $log)")
            found=1
        done
        [ "$found" = 1 ] || failures+=("FAIL fuzz_$name: exit code $status and no crash input (log: $log)")
        grep -A 30 -m 1 -E '^==[0-9]+==ERROR|runtime error|fuzz invariant broken|ERROR: libFuzzer' "$log" >&2 || tail -n 30 "$log" >&2
    fi
done

echo "== fuzz: $((SECONDS - start))s in all =="
if [ ${#failures[@]} -gt 0 ]; then
    printf '%s\n' "${failures[@]}"
    exit 1
fi
echo "fuzz: no crash in ${#targets[@]} targets"
