#!/usr/bin/env bash
# A refactoring changes no output byte: builds the example kits and a 36-kit matrix (pharmacists
# and biologists in every region, with markup in their names) with two cyberkit binaries, and
# compares the outputs with `diff -r`. The manifests may differ in their `inputs` fingerprint
# only (it hashes cyberkit's own sources).
#
# usage: scripts/compare-builds.sh OLD_BINARY NEW_BINARY
#   e.g. git stash; cargo build; cp target/debug/cyberkit /tmp/old; git stash pop; cargo build
#        scripts/compare-builds.sh /tmp/old target/debug/cyberkit
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 OLD_BINARY NEW_BINARY" >&2; exit 2; }
old=$(realpath "$1"); new=$(realpath "$2")
cd "$(dirname "$0")/.."
export SOURCE_DATE_EPOCH=1796688000
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The matrix's profiles, beside the example ones.
matrix=$work/matrix
mkdir -p "$matrix/profiles/logos"
cp -r content "$matrix/"
cp profiles/logos/* "$matrix/profiles/logos/"
mapfile -t regions < <(sed -n 's/^slug = "\(.*\)"/\1/p' content/reference/regions.toml)
i=0
for p in pharmaciens biologistes; do
  for r in "${regions[@]}"; do
    i=$((i + 1))
    cat > "$matrix/profiles/k-$p-$r.toml" <<P
profession = "$p"
region = "$r"
languages = ["fr", "en"]

[publisher]
name = "URPS $p $r"
logo = "logos/$(ls profiles/logos | head -n 1)"

[practice]
name = "Officine numéro $i <script>"
address = "$i rue des Essais, 44000 Nantes"
phone = "02 61 91 10 $(printf %02d $i)"

[it_provider]
name = "Informatique *Dr* [x](y) $i"
phone = "02 61 91 20 $(printf %02d $i)"
P
  done
done

for side in old new; do
  bin=$old; [ $side = new ] && bin=$new
  mkdir -p "$work/examples-$side"
  cp -r content profiles "$work/examples-$side/"
  (cd "$work/examples-$side" && "$bin" build --out "$work/$side/examples" > /dev/null 2> "$work/$side.log") \
    || { cat "$work/$side.log"; exit 1; }
  (cd "$matrix" && "$bin" build --out "$work/$side/matrix" > /dev/null 2>> "$work/$side.log") \
    || { cat "$work/$side.log"; exit 1; }
done

files=$(find "$work/new" -type f | wc -l)
status=0
diff -rq "$work/old" "$work/new" | grep -v 'manifest.json differ$' && status=1
for manifest in $(cd "$work/new" && find . -name manifest.json); do
  if ! diff <(grep -v '"inputs"' "$work/old/$manifest") <(grep -v '"inputs"' "$work/new/$manifest") > /dev/null; then
    echo "$manifest differs beyond its inputs fingerprint"
    status=1
  fi
done
if [ $status -eq 0 ]; then
  echo "identical: $files files (the manifests' inputs fingerprints aside)"
fi
exit $status
