#!/usr/bin/env bash
# The benchmarks' project, written into DIR: the repository's content, one URPS profile per
# profession and region (10 × 18, each in French and English, with a logo), and PRACTICES practices
# with their own details. Used by national.sh and compare-print.sh. The content is this
# repository's, or CHECKOUT's (another revision's, whose binary reads only its own content).
#
# usage: benches/matrix.sh DIR [PRACTICES [CHECKOUT]]
set -euo pipefail
cd "$(dirname "$0")/.."
work=$1
practices=${2:-50}
cp -r "${3:-.}/content" "$work/content"
mkdir -p "$work/profiles/logos"
cp profiles/logos/* "$work/profiles/logos/"
cd "$work"

mapfile -t professions < <(grep -A1 '^\[\[profession\]\]' content/reference/professions.toml | sed -n 's/^slug = "\(.*\)"/\1/p')
mapfile -t regions < <(sed -n 's/^slug = "\(.*\)"/\1/p' content/reference/regions.toml)
for p in "${professions[@]}"; do
  for r in "${regions[@]}"; do
    cat > "profiles/urps-$p-$r.toml" <<EOF
profession = "$p"
region = "$r"
languages = ["fr", "en"]

[publisher]
name = "URPS $p $r"
logo = "logos/$(ls profiles/logos | head -n 1)"
EOF
  done
done
for i in $(seq 1 "$practices"); do
  p=${professions[$((i % ${#professions[@]}))]}
  r=${regions[$((i * 7 % ${#regions[@]}))]}
  n=$(printf '%02d' $((i % 100)))
  cat > "profiles/cabinet-$i.toml" <<EOF
profession = "$p"
region = "$r"
languages = ["fr", "en"]

[practice]
name = "Cabinet numéro $i"
address = "$i rue des Essais, 44000 Nantes"
phone = "02 61 91 10 $n"
contact_person = "Camille Test"

[it_provider]
name = "Informatique Exemple $i"
phone = "02 61 91 20 $n"
EOF
done
