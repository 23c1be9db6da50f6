#!/bin/sh
# Regenerates the PDFs of the cleaning test corpus from their HTML sources:
#   testdata/cleaning/<name>/source.html  ->  testdata/cleaning/<name>/original.pdf
#
# Each source.html lays out fixed A4 pages itself (one <section class=page>
# per page), so Chromium only prints them. The PDF Info dictionary is then
# set from the source's <title> and <meta name=author|subject|keywords|
# pdf-date> (an incremental update, so pdfinfo reports fixed values and not
# the time of printing).
#
# Needs chromium, python3 and, to check the result, poppler-utils:
#   apt-get update && apt-get install -y chromium poppler-utils fonts-dejavu fonts-liberation
#
# Usage: scripts/make-cleaning-pdfs.sh [NAME...]   (default: every source.html)
set -eu
cd "$(dirname "$0")/.."
root=testdata/cleaning

if ! command -v chromium >/dev/null 2>&1; then
	echo "make-cleaning-pdfs: chromium not found; install it with: apt-get install -y chromium fonts-dejavu fonts-liberation" >&2
	exit 1
fi

if [ $# -eq 0 ]; then
	set -- $(cd "$root" && ls */source.html | sed 's,/source.html$,,')
fi

for name in "$@"; do
	dir="$root/$name"
	[ -f "$dir/source.html" ] || { echo "make-cleaning-pdfs: no $dir/source.html" >&2; exit 1; }
	tmp=$(mktemp -d)
	chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
		--user-data-dir="$tmp" --print-to-pdf="$dir/original.pdf" \
		"file://$(pwd)/$dir/source.html" >/dev/null 2>&1
	rm -rf "$tmp"
	python3 - "$dir/source.html" "$dir/original.pdf" <<'PY'
import html, re, sys

src, pdf = sys.argv[1], sys.argv[2]
page = open(src, encoding="utf-8").read()

def meta(name):
    m = re.search(r'<meta name="%s" content="([^"]*)"' % re.escape(name), page)
    return html.unescape(m.group(1)) if m else None

info = {}
t = re.search(r"<title>(.*?)</title>", page, re.S)
if t:
    info["Title"] = html.unescape(t.group(1).strip())
for key, name in (("Author", "author"), ("Subject", "subject"), ("Keywords", "keywords")):
    v = meta(name)
    if v:
        info[key] = v
date = meta("pdf-date")  # D:YYYYMMDDHHmmSSZ
if date:
    info["CreationDate"] = info["ModDate"] = date
info["Creator"] = "scripts/make-cleaning-pdfs.sh (headless Chromium)"

data = open(pdf, "rb").read()
# Chromium stamps the time of printing into its own Info object; overwrite it
# in place with the same number of bytes, so that the file is reproducible.
if date:
    stamp = ("D:%s+00'00'" % date[2:16]).encode("ascii")
    data = re.sub(rb"D:\d{14}\+00'00'", lambda m: stamp if len(stamp) == len(m.group(0)) else m.group(0), data)
m = re.search(rb"/Producer \((.*?)\)", data)
if m:
    info["Producer"] = m.group(1).decode("latin-1")

def pdfstr(s):
    if all(ord(c) < 128 for c in s):
        return "(" + s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"
    return "<FEFF" + s.encode("utf-16-be").hex().upper() + ">"

prev = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
trailer = re.findall(rb"trailer\s*<<(.*?)>>\s*startxref", data, re.S)[-1]
size = int(re.search(rb"/Size (\d+)", trailer).group(1))
rootref = re.search(rb"/Root (\d+ \d+ R)", trailer).group(1).decode()

out = bytearray(data)
if not out.endswith(b"\n"):
    out += b"\n"
off = len(out)
body = "".join("/%s %s\n" % (k, pdfstr(v)) for k, v in info.items())
out += ("%d 0 obj\n<<%s>>\nendobj\n" % (size, body)).encode("ascii")
xref = len(out)
out += ("xref\n0 1\n0000000000 65535 f \n%d 1\n%010d 00000 n \n" % (size, off)).encode("ascii")
out += ("trailer\n<</Size %d /Root %s /Info %d 0 R /Prev %d>>\nstartxref\n%d\n%%%%EOF\n"
        % (size + 1, rootref, size, prev, xref)).encode("ascii")
open(pdf, "wb").write(bytes(out))
PY
	echo "$dir/original.pdf: $(pdfinfo "$dir/original.pdf" 2>/dev/null | sed -n 's/^Pages: *//p') pages"
done
