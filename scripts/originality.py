#!/usr/bin/env python3
"""Report passages of our content that repeat the source documents word for word.

The kit's content must be written anew from the facts of the source documents
(shared/reference/seeds): this finds every run of N consecutive words (default 6)
that a content file shares with a source document. Exit 1 when any is found.

usage: scripts/originality.py SEEDS_DIR [CONTENT_DIR] [--words N]
"""
import pathlib, re, sys, unicodedata

URL = re.compile(r"(https?://\S+|\S*\.(fr|org|com|bzh|net|eu|corsica)\b\S*)", re.I)

# Official names are facts, not prose: sharing them with a source is not copying.
NAMES = [
    "commission nationale de l'informatique et des libertés",
    "agence du numérique en santé",
    "carte de professionnel de santé",
    "code de la santé publique",
]

def words(text):
    # A shared URL or domain is a fact we cite, not a sentence we copied.
    text = URL.sub(" ", unicodedata.normalize("NFKC", text)).lower().replace("’", "'")
    for name in NAMES:
        text = text.replace(name, " ")
    return re.findall(r"[\w']+", text)

def shingles(ws, n):
    return {tuple(ws[i:i + n]) for i in range(len(ws) - n + 1)}

def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = 6
    if "--words" in sys.argv:
        n = int(sys.argv[sys.argv.index("--words") + 1])
        args = [a for a in args if a != str(n)]
    seeds = pathlib.Path(args[0])
    content = pathlib.Path(args[1] if len(args) > 1 else "content")
    seen = set()
    for f in sorted(seeds.glob("*")):
        seen |= shingles(words(f.read_text(errors="replace")), n)
    found = 0
    for f in sorted(content.rglob("*")):
        if f.suffix not in (".md", ".toml") or not f.is_file():
            continue
        ws = words(f.read_text())
        for i in range(len(ws) - n + 1):
            if tuple(ws[i:i + n]) in seen:
                found += 1
                print(f"{f}: repeats a source: {' '.join(ws[i:i + n])}")
    print(f"{found} repeated {n}-word runs")
    return 1 if found else 0

if __name__ == "__main__":
    sys.exit(main())
