#!/usr/bin/env bash
# The national benchmark: every profession in every region (10 × 18 URPS profiles, each in French
# and English: the 360 kits the targets are set on) plus 50 practices, built in a temporary folder by the release
# binary, in one run:
#   1. the cold build of the URPS matrix alone (360 kits; target 15 s), then of every profile
#      (wall time, CPU time, peak memory);
#   2. the no-op rebuild;
#   3. the rebuild after one profile changed;
#   4. the peak memory of cold builds of a quarter, a half and all of the kits (it must be flat);
#   5. the same print documents compiled one by one by the Typst CLI from `--emit-typst`, two
#      processes at a time, against a `--force` build of ours: the ratio to the whole build (site
#      included) and to its print part (the workers' time in the print renderer), for every
#      profile and for the URPS matrix alone (the documents the ≥ 4× target is set on; the
#      targets and results are in benches/README.md).
# Not part of CI. Needs GNU time (`/usr/bin/time`) and, for step 5, the Typst CLI at the version
# cyberkit embeds: `cargo install typst-cli --version 0.15.1 --locked` (skipped when absent).
#
# usage: benches/national.sh [PRACTICES]
set -euo pipefail
cd "$(dirname "$0")/.."
practices=${1:-50}
cargo build --release --locked -q
bin=$PWD/target/release/cyberkit
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
benches/matrix.sh "$work" "$practices"
cd "$work"
kits=$(ls profiles/*.toml | wc -l)
echo "$kits profiles: $(ls profiles/urps-*.toml | wc -l) URPS profiles (professions × regions), $practices practices"

measure() { # label, command...: prints wall time, CPU time (user + system), peak memory, closing line
  local label=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" 2> "$work/log" > /dev/null || { cat "$work/log"; exit 1; }
  read -r wall user sys kb < "$work/time"
  printf '%-22s %7.2f s  (CPU %6.2f + %5.2f s)  %5d MB   %s\n' "$label" "$wall" "$user" "$sys" $((kb / 1024)) \
    "$(tail -n 1 "$work/log")"
}

mapfile -t urps < <(ls profiles/urps-*.toml | sort)
cores=$(nproc)
# The time the workers spent in each renderer, per worker, and the site's pages.
parts() {
  grep '^timings' "$work/log"
  sed -n 's/^timings: print \([0-9.]*\) s, site \([0-9.]*\) s.*/\1 \2/p' "$work/log" | {
    read -r print site
    python3 -c "print(f'per worker ($cores): print {$print / $cores:.2f} s, site {$site / $cores:.2f} s')"
  }
  echo "site pages: $(find "$1" -name '*.html' | wc -l), PDFs: $(find "$1" -name '*.pdf' | wc -l)"
}
measure "cold, URPS matrix" "$bin" build --out out-urps --timings "${urps[@]}"
echo "  (the URPS matrix: ${#urps[@]} profiles in two languages, $((2 * ${#urps[@]})) kits; target 15 s)"
parts out-urps
measure "cold full build" "$bin" build --out out --timings
parts out
measure "no-op rebuild" "$bin" build --out out
sed -i 's/Cabinet numéro 1"/Cabinet numéro un"/' profiles/cabinet-1.toml
measure "one profile changed" "$bin" build --out out
mapfile -t all < <(ls profiles/*.toml | sort)
for share in 4 2; do
  mapfile -t some < <(printf '%s\n' "${all[@]}" | awk -v n="$share" 'NR % n == 0')
  measure "cold, 1/$share of the kits" "$bin" build --out "out-$share" "${some[@]}"
done
# Nothing is deleted before a timed build: ext4 skips the inodes of files deleted in the last
# minutes when it makes new ones, which made a build right after removing thousands of files
# spend seconds in the kernel (measured: 17,000 files written in 0.7 s, or 5.5 s just after
# removing as many). The trap removes everything at the end.

if ! command -v typst > /dev/null; then
  echo "typst CLI not found: skipping the side-by-side comparison"
  exit 0
fi
typst --version
"$bin" build --out out-emit --emit-typst emit 2> /dev/null
documents=$(find emit -name main.typ | wc -l)
ms() { echo $(( $(date +%s%N) / 1000000 )); }
cpu() { read -r _ user sys _ < "$work/time"; python3 -c "print($user + $sys)"; }
# Ours, the whole matrix and then the URPS profiles alone, each a `--force` build over a
# previous build's output.
force() { # out, profiles...: wall ms, CPU s and the print part's seconds summed over the workers
  local out=$1; shift
  local start; start=$(ms)
  # A failed build ends the script (the caller's `read` gets nothing), its messages shown.
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$bin" build --out "$out" --force --timings "$@" 2> "$work/log" \
    || { cat "$work/log" >&2; exit 1; }
  echo "$(( $(ms) - start )) $(cpu) $(sed -n 's/^timings: print \([0-9.]*\) s.*/\1/p' "$work/log")"
}
# The print part: the time the workers spent in the print renderer (laying out, writing the PDFs,
# imposing the booklet, drawing the thumbnails), within that same build.
read -r ours ours_cpu print < <(force out-cold)
read -r _ _ print_urps < <(force out-urps "${urps[@]}")
# The Typst CLI: the URPS profiles' documents, then the practices'.
typst_cli() { # the projects' folders on stdin: wall ms, CPU s
  local start; start=$(ms)
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" xargs -P 2 -I{} \
    typst compile --root {} --font-path emit/fonts --ignore-system-fonts {}/main.typ {}/out.pdf || exit 1
  echo "$(( $(ms) - start )) $(cpu)"
}
read -r cli_urps cli_urps_cpu < <(find emit -path 'emit/urps-*' -name main.typ -printf '%h\n' | sort | typst_cli)
read -r cli_rest cli_rest_cpu < <(find emit -name main.typ -printf '%h\n' | grep -v '^emit/urps-' | sort | typst_cli)
cli=$((cli_urps + cli_rest)); cli_cpu=$(python3 -c "print($cli_urps_cpu + $cli_rest_cpu)")
echo "print documents: $documents ($(find emit -path 'emit/urps-*' -name main.typ | wc -l) of the URPS profiles)"
echo "cyberkit, whole build with --force (site included): $ours ms, CPU $ours_cpu s"
echo "cyberkit's print part in that build: $print s summed over its $cores workers; the URPS profiles alone: $print_urps s"
echo "Typst CLI, the print documents alone, two at a time: $cli ms, CPU $cli_cpu s; the URPS profiles' alone: $cli_urps ms"
python3 -c "print(f'ratio, whole build: {$cli / $ours:.1f}x (CPU time: {$cli_cpu / $ours_cpu:.1f}x)')"
python3 -c "print(f'ratio, print part: {$cli / ($print * 1000 / $cores):.1f}x ({$print / $cores:.2f} s per worker)')"
python3 -c "print(f'ratio, print part, the URPS matrix (360 kits; target 4x): {$cli_urps / ($print_urps * 1000 / $cores):.1f}x ({$print_urps / $cores:.2f} s per worker)')"
