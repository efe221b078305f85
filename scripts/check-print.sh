#!/usr/bin/env bash
# Checks the built print documents as a printer and a reader get them, with Debian's tools
# (poppler-utils, qpdf, zbar-tools): every PDF passes `qpdf --check`; its paper and tagging are
# right; and every QR code on the posters, the notice and the booklet, rendered at 150 dpi,
# decodes with zbarimg to an https:// URL that the document prints.
#
# usage: scripts/check-print.sh [OUTPUT_DIR]
set -euo pipefail
out=${1:-output}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
count=0
codes=0
while IFS= read -r pdf; do
  count=$((count + 1))
  qpdf --check "$pdf" > /dev/null || { echo "qpdf: $pdf"; fail=1; }
  info=$(pdfinfo "$pdf" 2>/dev/null)
  size=$(grep '^Page size' <<< "$info")
  case "$(basename "$pdf")" in
    poster-a3.pdf) want="A3" ;;
    booklet.pdf) want="419.528 x 595.276" ;;
    booklet-imposed.pdf) want="841.89 x 595.276" ;;
    *) want="A4" ;;
  esac
  grep -q "$want" <<< "$size" || { echo "$pdf: page size $size, expected $want"; fail=1; }
  if [ "$(basename "$pdf")" != booklet-imposed.pdf ]; then
    grep -q '^Tagged: *yes' <<< "$info" || { echo "$pdf: not tagged"; fail=1; }
  fi
  case "$(basename "$pdf")" in poster-*|notice.pdf|booklet.pdf) ;; *) continue ;; esac
  # The templates let long addresses wrap after a zero-width space; it is not part of them.
  text=$(pdftotext "$pdf" - | sed 's/\xe2\x80\x8b//g' | tr -d '\n\f -')
  pdftoppm -r 150 -png "$pdf" "$tmp/page"
  for png in "$tmp"/page*.png; do
    while IFS= read -r line; do
      url=${line#QR-Code:}
      codes=$((codes + 1))
      case "$url" in https://*) ;; *) echo "$pdf: QR code is not https: $url"; fail=1 ;; esac
      shown=$(tr -d '/ -' <<< "${url#https://}")
      grep -qF "$shown" <<< "$(tr -d '/' <<< "$text")" || { echo "$pdf: QR $url is not printed"; fail=1; }
    done < <(zbarimg -q "$png" 2>/dev/null || true)
  done
  rm -f "$tmp"/page*.png
done < <(find "$out" -name '*.pdf' | sort)
echo "$count PDFs, $codes QR codes checked"
exit $fail
