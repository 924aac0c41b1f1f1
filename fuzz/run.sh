#!/usr/bin/env bash
# Runs each fuzz target for SECONDS (default 120) and prints executions and crashes per target.
# Needs cargo-fuzz (cargo install cargo-fuzz) and a nightly toolchain (cargo +nightly).
# Corpora live in fuzz/corpus/<target>, seeded by make-seeds.sh from the fixtures and from files
# openssl makes; crashes, timeouts and out-of-memory inputs go to fuzz/artifacts/<target>.
set -uo pipefail
cd "$(dirname "$0")"
seconds="${1:-120}"
targets=(read_certificates read_pfx manifest_patch)
[ -d corpus/read_pfx ] || ./make-seeds.sh || exit 2
cargo +nightly fuzz build || exit 2
status=0
printf '%-20s %12s %8s\n' target executions crashes
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t" "artifacts/$t"
    log="artifacts/$t/last-run.log"
    # A run stops at its first crash; -rss_limit_mb and -timeout turn runaway memory and time
    # into reported failures (a PFX read is bounded to a few seconds by its iteration budget).
    cargo +nightly fuzz run "$t" "corpus/$t" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=20 -print_final_stats=1 \
        >"$log" 2>&1
    execs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{s+=$2} END {print s+0}')
    crashes=$(find "artifacts/$t" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
    printf '%-20s %12s %8s\n' "$t" "$execs" "$crashes"
    [ "$crashes" -eq 0 ] || status=1
done
exit $status
