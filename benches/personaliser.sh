#!/usr/bin/env bash
# The personaliser's benchmark (not part of CI): builds the example kits with the release binary,
# serves them from 127.0.0.1 and times the physiotherapists' kit's page in headless Chromium
# (benches/personaliser.mjs) with the answers of profiles/cabinet-des-tilleuls.toml; then the
# sizes of what the browser downloads, and, in the same run, the CLI's time for the same four
# documents as the baseline.
#
# usage: benches/personaliser.sh [RUNS]   (npm ci --prefix scripts first)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-6}
cargo build --release --locked 2> /dev/null
bin=target/release/cyberkit
work=$(mktemp -d)
trap 'kill $server 2> /dev/null; rm -rf "$work"' EXIT
"$bin" build --out "$work/out" 2> /dev/null
python3 scripts/answers.py profiles/cabinet-des-tilleuls.toml > "$work/answers.json"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/out" > /dev/null 2>&1 &
server=$!
sleep 0.5
echo "== the page, $runs runs (the first with an empty cache)"
node benches/personaliser.mjs "http://127.0.0.1:$port/urps-kine-pays-de-la-loire/fr/personalise.html" "$work/answers.json" "$runs"
echo "== what the browser downloads"
for f in "$work/out/personaliser/"* "$work/out/urps-kine-pays-de-la-loire/personalise/kit.json"; do
  printf '%-24s %10d bytes, gzip -9 %10d\n' "${f##*/}" "$(stat -c %s "$f")" "$(gzip -9c "$f" | wc -c)"
done
echo "== the baseline: the CLI, the same kit from its profile (wall time of build --force)"
mkdir -p "$work/project/profiles"
cp -r content "$work/project/"
cp -r profiles/logos "$work/project/profiles/"
cp profiles/urps-kine-pays-de-la-loire.toml "$work/project/profiles/"
for _ in 1 2 3; do
  /usr/bin/time -f "%e s" "$bin" -C "$work/project" build --force --out "$work/cli" 2>&1 | tail -n 1
done
