#!/usr/bin/env bash
# Builds the example kits twice and checks them as their readers get them (CI runs this after
# the tests; `.ci/run` installs the tools):
#   1. the two builds are byte-identical;
#   2. every PDF and QR code, with qpdf, poppler-utils and zbarimg (scripts/check-print.py);
#   3. every HTML page with the W3C Nu checker (scripts/check-site.sh);
#   4. home, module, incident, notice and downloads pages in headless Chromium with axe-core,
#      and no request leaving the site (scripts/check-a11y.mjs).
#
# usage: scripts/check-kits.sh [CYBERKIT_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/debug/cyberkit}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== two builds of the example kits"
"$bin" build --out "$work/a" 2> "$work/build.log" || { cat "$work/build.log"; exit 1; }
tail -n 1 "$work/build.log"
"$bin" build --out "$work/b" 2> /dev/null
diff -r "$work/a" "$work/b" > /dev/null || { echo "the two builds differ:"; diff -rq "$work/a" "$work/b"; exit 1; }
echo "byte-identical: $(find "$work/a" -type f | wc -l) files"

echo "== print documents: qpdf, pdfinfo, pdftotext, pdftoppm + zbarimg"
python3 scripts/check-print.py "$work/a" .

echo "== HTML: W3C Nu checker"
scripts/check-site.sh "$work/a"

echo "== accessibility and privacy: axe-core in Chromium"
node scripts/check-a11y.mjs "$work/a"
