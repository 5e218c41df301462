#!/bin/sh
# Runs one fuzz target: fuzz/run.sh TARGET [SECONDS [LIBFUZZER_ARGS...]]
# TARGET is preprocess, check or livepatch; SECONDS defaults to 1800. One fuzzer process,
# niced: run targets one after another on a shared machine. Findings land in
# fuzz/artifacts/TARGET/; reproduce one with `cargo +nightly fuzz run -s none TARGET FILE`.
set -eu
cd "$(dirname "$0")/.."
target=$1
seconds=${2:-1800}
shift
[ $# -gt 0 ] && shift
[ -d "fuzz/corpus/$target" ] || python3 fuzz/seed.py
exec nice -n 19 cargo +nightly fuzz run --sanitizer none "$target" "fuzz/corpus/$target" -- \
    -dict=fuzz/c.dict -max_len=32768 -timeout=10 -rss_limit_mb=4096 \
    -max_total_time="$seconds" -print_final_stats=1 "$@"
