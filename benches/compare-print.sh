#!/usr/bin/env bash
# A change's cost to the print part, measured apart (see benches/README.md): two binaries, before
# and after the change, build the URPS matrix (benches/matrix.sh: 10 professions × 18 regions, in
# French and English) with `--force --timings` over their own previous output, in alternation,
# RUNS times each. Each run prints the print part (the time the workers spent in the print
# renderer, summed over them), the wall time and the build's closing line. Each binary reads the
# content of its own revision (a checkout of it: `git worktree add DIR REV`).
#
# usage: benches/compare-print.sh BEFORE_CHECKOUT BEFORE_BINARY AFTER_CHECKOUT AFTER_BINARY [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
before=$(realpath "$2")
after=$(realpath "$4")
runs=${5:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/before" "$work/after"
benches/matrix.sh "$work/before" 0 "$1"
benches/matrix.sh "$work/after" 0 "$3"
cd "$work"
mapfile -t urps < <(cd before && ls profiles/urps-*.toml | sort)
echo "${#urps[@]} URPS profiles, $runs alternate runs of each binary, $(nproc) cores"
build() { # label (before, after), binary: one timed build in the label's project
  local start=$(($(date +%s%N) / 1000000))
  (cd "$1" && "$2" build --out out --force --timings "${urps[@]}" 2> ../"log-$1") || { cat "log-$1" >&2; exit 1; }
  local wall=$(($(date +%s%N) / 1000000 - start))
  printf '%-7s print %6s s  wall %6.2f s  %s\n' "$1" "$(sed -n 's/^timings: print \([0-9.]*\) s.*/\1/p' "log-$1")" \
    "$(python3 -c "print($wall / 1000)")" "$(tail -n 1 "log-$1")"
}
# A first build of each, not shown: the runs then rebuild over an output in place.
build before "$before" > /dev/null
build after "$after" > /dev/null
for _ in $(seq "$runs"); do
  build before "$before"
  build after "$after"
done
