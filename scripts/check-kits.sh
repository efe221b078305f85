#!/usr/bin/env bash
# Builds the example kits twice and checks them as their readers get them (CI runs this after
# the tests; `.ci/run` installs the tools):
#   1. the two builds (with the print-shop copies) are byte-identical;
#   2. every PDF and QR code, with qpdf, poppler-utils and zbarimg (scripts/check-print.py);
#   3. every HTML page with the W3C Nu checker (scripts/check-site.sh);
#   4. home, module, incident, notice, downloads and personaliser pages in headless Chromium
#      with axe-core, and no request leaving the site (scripts/check-a11y.mjs);
#   5. the personaliser, served from 127.0.0.1 and filled in Chromium with an example practice's
#      answers (scripts/check-personaliser.mjs): its documents byte-identical to the CLI's build
#      of the answers it saves, which `cyberkit check` accepts; a hostile name printed as written.
#
# usage: scripts/check-kits.sh [CYBERKIT_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/debug/cyberkit}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== two builds of the example kits"
"$bin" build --print-shop --out "$work/a" 2> "$work/build.log" || { cat "$work/build.log"; exit 1; }
tail -n 1 "$work/build.log"
"$bin" build --print-shop --out "$work/b" 2> /dev/null
diff -r "$work/a" "$work/b" > /dev/null || { echo "the two builds differ:"; diff -rq "$work/a" "$work/b"; exit 1; }
echo "byte-identical: $(find "$work/a" -type f | wc -l) files"

echo "== print documents: qpdf, pdfinfo, pdftotext, pdftoppm + zbarimg"
python3 scripts/check-print.py "$work/a" .

echo "== HTML: W3C Nu checker"
scripts/check-site.sh "$work/a"

echo "== accessibility and privacy: axe-core in Chromium"
node scripts/check-a11y.mjs "$work/a"

echo "== the personaliser: a practice's documents made in Chromium, against the CLI's"
kit=urps-kine-pays-de-la-loire
# The example practice's answers: the form's fields of profiles/cabinet-des-tilleuls.toml.
python3 scripts/answers.py profiles/cabinet-des-tilleuls.toml > "$work/answers.json"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/a" > /dev/null 2>&1 &
server=$!
trap 'kill $server 2> /dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/')" 2> /dev/null && break
  sleep 0.1
done
node scripts/check-personaliser.mjs "http://127.0.0.1:$port/$kit/fr/personalise.html" "$work/answers.json" \
  "$work/browser" "$work/a/$kit/fr/personalise.html"
saved=$(cd "$work/browser" && ls -- *.toml)
name=${saved%.toml}
mkdir -p "$work/project"
cp -r content profiles "$work/project/"
cp "$work/browser/$saved" "$work/project/profiles/"
bin_path=$(realpath "$bin")
if ! (cd "$work/project" && "$bin_path" check "profiles/$saved" 2> /dev/null \
      && "$bin_path" build "profiles/$saved" --out "$work/cli" 2> /dev/null); then
  echo "the saved answers do not build:"
  (cd "$work/project" && "$bin_path" check "profiles/$saved") || true
  exit 1
fi
echo "the saved answers ($saved) pass cyberkit check and build"
for pdf in "$work/browser/$name"-*.pdf; do
  stem=${pdf##*/"$name"-}
  cmp "$pdf" "$work/cli/$name/print/fr/$stem" || { echo "the browser's ${stem%.pdf} differs from the CLI's"; exit 1; }
  echo "byte-identical to the CLI's: ${stem%.pdf}"
done
text=$(pdftotext "$work/browser/hostile/poster-a4.pdf" - | tr -s ' \n' '  ')
if ! grep -qF -- "$(cat "$work/browser/hostile/name.txt")" <<< "$text"; then
  echo "the hostile name is not on the poster as written:"
  echo "$text" | head -c 600
  exit 1
fi
echo "the hostile name is printed as written"
