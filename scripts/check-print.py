#!/usr/bin/env python3
"""Checks the built print documents as a printer and a reader get them, with Debian's tools
(qpdf, poppler-utils, zbar-tools), against what the profiles and the reference data say, read
here on their own rather than from cyberkit's output:

- every PDF passes `qpdf --check`; `pdfinfo` gives its paper, its page count and its tagging;
- `pdftotext` finds on each poster and booklet the contacts the kit must print (the provider's
  number, the CSIRT's confirmed number or site, 17Cyber, the practice's referent), and on each
  notice its controller;
- every QR code on every page, rendered with `pdftoppm` at 150 dpi and decoded by `zbarimg`,
  carries exactly the URLs the document should carry, each also printed on the page;
- no word (`pdftotext -bbox`) comes within 12 mm of the paper's left, right or bottom edge,
  which office printers cannot print (the top is left out: poppler's boxes start at the font's
  ascender, above the ink);
- each print-shop copy (`-print.pdf`) has its source's pages, text and QR codes, every page's
  TrimBox the source's paper and its BleedBox 3 mm larger on every side, its fonts embedded
  (`pdffonts`), no word within 12 mm of the trimmed edge, and its crop marks drawn where
  `pdftoppm` renders them: outside the bleed, on the lines of the trimmed edges.

usage: scripts/check-print.py [OUTPUT_DIR] [PROJECT_DIR]
"""

import concurrent.futures
import json
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

OUT = Path(sys.argv[1] if len(sys.argv) > 1 else "output")
PROJECT = Path(sys.argv[2] if len(sys.argv) > 2 else ".")

# Paper in PostScript points, as pdfinfo prints it, and the most pages a document may have.
PAPER = {
    "poster-a4": ("595.276 x 841.89", 1),
    "poster-a3": ("841.89 x 1190.55", 1),
    "notice": ("595.276 x 841.89", 1),
    "checklist": ("595.276 x 841.89", 2),
    "booklet": ("419.528 x 595.276", 64),
    "booklet-imposed": ("841.89 x 595.276", 32),
}
# A print-shop copy's sheet: the trimmed page, 3 mm of bleed and the marks' 7 mm around it.
BLEED = 3 / 25.4 * 72
SLUG = 10 / 25.4 * 72
QR_CONTACTS = ["17cyber", "cnil-breach"]
# The longest web address a poster prints whole; a longer one is replaced by where to find it.
MAX_TYPED_ADDRESS = 40
# Office printers cannot print nearer the paper's edge, in points (12 mm), less a little for
# rounding; and poppler's word boxes reach down to the font's descender.
EDGE = 12 / 25.4 * 72 - 0.5


def load_toml(path):
    with open(path, "rb") as f:
        return tomllib.load(f)


reference = PROJECT / "content" / "reference"
CONTACTS = load_toml(reference / "contacts.toml")["contact"]
CSIRTS = load_toml(reference / "csirts.toml")["csirt"]
REGIONS = {r["slug"]: r for r in load_toml(reference / "regions.toml")["region"]}


def confirmed(contact, field):
    return contact.get(field) if field not in contact.get("unconfirmed", []) else None


def dense(text):
    """Text without white space, zero-width break points or hyphens: lines break anywhere, and
    pdftotext joins a line that ends with `-` to the next as if the hyphen were hyphenation."""
    return re.sub(r"[\s\u200b\u00ad-]", "", text)


def without_scheme(url):
    return re.sub(r"^https://", "", url).rstrip("/")


def expectations(profile, lang):
    """What each kind of document must show and carry, from the profile and the reference data."""
    contacts = []
    provider = profile.get("it_provider", {})
    if provider.get("phone"):
        contacts.append(provider["phone"])
    csirt = profile.get("csirt")
    if csirt is None:
        region_csirt = REGIONS[profile["region"]].get("csirt")
        csirt = CSIRTS.get(region_csirt) if region_csirt else None
    poster = list(contacts)
    if csirt is not None:
        website = confirmed(csirt, "website") and without_scheme(csirt["website"])
        shown = confirmed(csirt, "phone") or website
        if shown:
            contacts.append(shown)
        # A poster prints an address a person can type: a long one gives way to where to find it.
        if not confirmed(csirt, "phone") and website and len(website) > MAX_TYPED_ADDRESS:
            find = csirt.get("find", {})
            shown = find.get(lang, website.split("/")[0]) if isinstance(find, dict) else find
        if shown:
            poster.append(shown)
    for found in (contacts, poster):
        found.append(without_scheme(CONTACTS["17cyber"]["website"]))
        person = profile.get("practice", {}).get("contact_person")
        if person:
            found.append(person)
    incident_qr = {CONTACTS[c]["website"] for c in QR_CONTACTS if confirmed(CONTACTS[c], "website")}
    base = profile.get("site", {}).get("base_url")
    notice_qr = {f"{base.rstrip('/')}/{lang}/privacy.html"} if base else set()
    controller = profile.get("privacy", {}).get("controller") or profile.get("practice", {}).get("name")
    return {
        "poster-a4": (poster, incident_qr),
        "poster-a3": (poster, incident_qr),
        # The booklet's contacts name the CSIRT as the poster does (one source).
        "booklet": (poster, incident_qr),
        "notice": ([controller] if controller else [], notice_qr),
        "checklist": ([], set()),
        "booklet-imposed": ([], None),
    }


def run(*args):
    return subprocess.run(args, capture_output=True, text=True)


def near_edge(pdf, trim=0.0):
    """The words printed within `EDGE` of a page's left, right or bottom edge: of its trimmed
    edge, `trim` points inside the sheet's, for a print-shop copy."""
    problems = []
    page = None
    for line in run("pdftotext", "-bbox", str(pdf), "-").stdout.splitlines():
        if m := re.search(r'<page width="([\d.]+)" height="([\d.]+)"', line):
            page = (float(m.group(1)) - trim, float(m.group(2)) - trim)
        elif (m := re.search(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)) and page:
            left, right, bottom = float(m.group(1)) - trim, page[0] - float(m.group(2)), page[1] - float(m.group(3))
            if min(left, right, bottom) < EDGE:
                problems.append(f"`{m.group(4)}` is {min(left, right, bottom) * 25.4 / 72:.1f} mm from the edge")
    return problems[:3]


def boxes(pdf):
    """Each page's boxes, as `pdfinfo -box` gives them: {name: (x0, y0, x1, y1)}, in points."""
    pages = {}
    out = run("pdfinfo", "-box", "-f", "1", "-l", "9999", str(pdf)).stdout
    for m in re.finditer(r"Page\s+(\d+) (\w+Box):\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", out):
        pages.setdefault(int(m.group(1)), {})[m.group(2)] = tuple(float(m.group(i)) for i in range(3, 7))
    return pages


def print_shop_problems(pdf, paper):
    """What a print shop would reject in a `-print.pdf`: its boxes, its fonts, its marks."""
    problems = []
    width, height = (float(v) for v in paper.split(" x "))
    for page, box in sorted(boxes(pdf).items()):
        x0, y0, x1, y1 = box["TrimBox"]
        if abs(x1 - x0 - width) > 0.1 or abs(y1 - y0 - height) > 0.1:
            problems.append(f"page {page}: TrimBox {box['TrimBox']} is not {paper}")
        expected = (x0 - BLEED, y0 - BLEED, x1 + BLEED, y1 + BLEED)
        if any(abs(a - b) > 0.1 for a, b in zip(box["BleedBox"], expected)):
            problems.append(f"page {page}: BleedBox {box['BleedBox']}, expected 3 mm around the TrimBox")
        mx0, my0, mx1, my1 = box["MediaBox"]
        if mx0 > expected[0] - 14 or my0 > expected[1] - 14 or mx1 < expected[2] + 14 or my1 < expected[3] + 14:
            problems.append(f"page {page}: no room for crop marks outside the bleed")
    fonts = run("pdffonts", str(pdf)).stdout.splitlines()[2:]
    if not fonts or any(line.split()[-5] != "yes" for line in fonts):
        problems.append("a font is not embedded")
    # The marks, drawn by poppler at 72 dpi: at each corner of the first page, dark pixels on the
    # lines of the trimmed edges, between the bleed and the sheet's edge.
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", "72", "-gray", "-f", "1", "-l", "1", str(pdf), f"{tmp}/p"], check=True)
        data = next(Path(tmp).glob("p*.pgm")).read_bytes()
    _, w, h, _, pixels = data.split(maxsplit=4)
    w, h = int(w), int(h)
    dark = lambda x, y: pixels[y * w + x] < 128
    s, b = round(SLUG), round(SLUG - BLEED)
    for x, y0, y1 in [(s, 1, b - 3), (w - 1 - s, 1, b - 3), (s, h - b + 3, h - 2), (w - 1 - s, h - b + 3, h - 2)]:
        # A vertical mark: some pixel of column x, or of its neighbours, dark on most rows.
        rows = sum(any(dark(c, y) for c in (x - 1, x, x + 1)) for y in range(y0, y1))
        if rows < (y1 - y0) * 0.6:
            problems.append(f"no crop mark at column {x}")
    # The trimmed page's own edges are not marks: the sheet around the bleed stays blank there.
    if any(dark(x, h // 2) for x in range(1, b - 2)):
        problems.append("ink between the bleed and the sheet's edge")
    return problems


def check_pdf(pdf, expected):
    """The problems of one PDF, and the number of QR codes read."""
    problems = []
    stem = pdf.stem
    if run("qpdf", "--check", str(pdf)).returncode != 0:
        problems.append("qpdf --check fails")
    info = run("pdfinfo", str(pdf)).stdout
    # A print-shop copy is its source's paper within its trim box, on a larger sheet.
    print_shop = stem.endswith("-print")
    paper, max_pages = PAPER[stem.removesuffix("-print")]
    if print_shop:
        problems += print_shop_problems(pdf, paper)
    elif not re.search(rf"Page size:\s+{re.escape(paper)} pts", info):
        problems.append(f"not on its paper ({paper}): {re.search(r'Page size:.*', info)}")
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    if not 1 <= pages <= max_pages:
        problems.append(f"{pages} pages")
    tagged = re.search(r"Tagged:\s+yes", info) is not None
    # The imposed booklet and the print-shop copies embed the booklet's pages, which PDF/UA
    # forbids: they are untagged.
    if tagged != (stem != "booklet-imposed" and not print_shop):
        problems.append("tagged" if tagged else "not tagged")
    if not re.search(r"Title:\s+\S", info):
        problems.append("no title")
    text = dense(run("pdftotext", str(pdf), "-").stdout)
    # The imposed booklet's pages reach the sheet's edges by design: they are trimmed A5 pages.
    if stem != "booklet-imposed":
        problems += near_edge(pdf, SLUG if print_shop else 0.0)
    shows, carries = expected
    for value in shows:
        if dense(value) not in text:
            problems.append(f"does not show `{value}`")
    codes = []
    if carries is not None:
        with tempfile.TemporaryDirectory() as tmp:
            # A print-shop copy's pages are its source's, checked page by page: its codes are read
            # on its last page (the poster's one, the booklet's back cover), where they are.
            last = ["-f", str(pages), "-l", str(pages)] if print_shop else []
            subprocess.run(["pdftoppm", "-r", "150", *last, "-png", str(pdf), f"{tmp}/page"], check=True)
            for png in sorted(Path(tmp).glob("page*.png")):
                out = run("zbarimg", "-q", "--raw", str(png)).stdout
                codes += [line for line in out.splitlines() if line]
        # Each code once: the posters and the notice have one page, the booklet puts its codes
        # on the back cover.
        if sorted(codes) != sorted(carries):
            problems.append(f"QR codes {sorted(codes)}, expected {sorted(carries)}")
        for url in set(codes):
            if dense(without_scheme(url)) not in text:
                problems.append(f"QR code {url} is not printed as text")
    return problems, len(codes)


def main():
    jobs = []
    for manifest in sorted(OUT.glob("*/manifest.json")):
        kit = manifest.parent
        profile_id = json.loads(manifest.read_text())["profile"]
        profile = load_toml(PROJECT / "profiles" / f"{profile_id}.toml")
        for lang_dir in sorted((kit / "print").iterdir()):
            expected = expectations(profile, lang_dir.name)
            for pdf in sorted(lang_dir.glob("*.pdf")):
                jobs.append((pdf, expected[pdf.stem.removesuffix("-print")]))
    failures = 0
    codes = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for (pdf, _), (problems, count) in zip(jobs, pool.map(lambda job: check_pdf(*job), jobs)):
            codes += count
            for problem in problems:
                failures += 1
                print(f"{pdf}: {problem}")
    print(f"{len(jobs)} PDFs, {codes} QR codes decoded: {failures} problems")
    return 1 if failures or not jobs else 0


if __name__ == "__main__":
    sys.exit(main())
