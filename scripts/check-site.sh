#!/usr/bin/env bash
# Checks the built mini-sites as their readers get them: every page valid for the W3C Nu checker
# (vnu-jar, from npm: `npm ci --prefix scripts`). With a second argument, also takes screenshots
# of the home and incident pages at phone and desktop widths in headless Chromium (Debian's
# `chromium`), to look at.
#
# usage: scripts/check-site.sh [OUTPUT_DIR] [SCREENSHOT_DIR]
set -euo pipefail
out=${1:-output}
shots=${2:-}
here=$(dirname "$0")
vnu=${VNU_JAR:-$here/node_modules/vnu-jar/build/dist/vnu.jar}
[ -f "$vnu" ] || { echo "vnu.jar not found: run \`npm ci --prefix scripts\`, or set VNU_JAR" >&2; exit 2; }

mapfile -t pages < <(find "$out" -name '*.html' | sort)
[ ${#pages[@]} -gt 0 ] || { echo "no HTML page under $out" >&2; exit 1; }
echo "validating ${#pages[@]} pages with the W3C Nu checker"
java -jar "$vnu" --errors-only "${pages[@]}"
echo "${#pages[@]} pages: no HTML error"

[ -n "$shots" ] || exit 0
mkdir -p "$shots"
for kit in "$out"/*/; do
  name=$(basename "$kit")
  for page in fr/index.html fr/incident.html; do
    [ -f "$kit$page" ] || continue
    for width in 360 1280; do
      file="$shots/$name-${page//\//-}-$width.png"
      chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$(mktemp -d)" --hide-scrollbars --window-size="$width,2400" \
        --screenshot="$file" "file://$(realpath "$kit$page")" 2>/dev/null
    done
  done
done
echo "screenshots in $shots"
