#!/usr/bin/env bash
# Runs the fuzzers (cargo-fuzz, libFuzzer) one after the other, each for SECONDS (600 by
# default), starting from the seed corpus kept in fuzz/seeds/. New inputs go
# to fuzz/corpus/ (not committed); a crash is saved under fuzz/artifacts/ and stops its target.
# Works on stable Rust: no sanitizer (`-s none`), optimised (`-O`).
#
# usage: scripts/fuzz.sh [SECONDS] [TARGET...]   (cargo install cargo-fuzz --locked)
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(profile front_matter markdown_typst)
cargo fuzz build -s none -O
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target"
  echo "== $target, $seconds s"
  cargo fuzz run -s none -O "$target" "corpus/$target" "seeds/$target" -- \
    -max_total_time="$seconds" -max_len=8192 -timeout=20 -print_final_stats=1 2>&1 | tail -n 12
done
