#!/bin/sh
# The printable calculation sheet in a real browser (issue #17): si-pension
# --format html in Chinese and English, rendered by headless Chromium (Debian
# package `chromium`); the rendered DOM must hold every output value and the
# hash, the PDF must be A4 (595 x 842 pt), the screenshot a PNG.
#   check-html.sh SI_PENSION OUTDIR
# Exit 77 (skipped) when chromium is not installed.
set -eu
si_pension=$1
out=$2
command -v chromium >/dev/null 2>&1 || { echo "chromium not installed: skipped"; exit 77; }
mkdir -p "$out"
set -- city=guangzhou retirement_group=male60 birth_date=1965-03-10 contribution_months=336 \
  deemed_months=60 average_index=1.2345 account_balance=158000 deemed_account_balance=21000
chrome() {
  # No sandbox: the test may run as root; a private profile per run.
  timeout 120 chromium --headless=new --no-sandbox --disable-gpu --no-first-run \
    --user-data-dir="$out/profile" "$@" 2>/dev/null
}
for lang in zh en; do
  page="$out/pension-$lang.html"
  "$si_pension" --format html --lang "$lang" "$@" > "$page"
  "$si_pension" --json "$@" > "$out/pension.json"
  chrome --dump-dom "file://$page" > "$out/dom-$lang.html"
  # every output value and the hash, as the browser sees the page
  /usr/bin/python3 - "$out/pension.json" "$out/dom-$lang.html" "$lang" <<'PY'
import json, re, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
dom = open(sys.argv[2], encoding="utf-8").read()
text = re.sub(r"<[^>]+>", " ", dom)
missing = [k for k, v in doc["outputs"].items() if isinstance(v, str) and v not in text]
if doc["hash"] not in text:
    missing.append("hash")
title = "养老金核定表" if sys.argv[3] == "zh" else "Pension approval form"
if title not in text:
    missing.append(title)
if missing:
    sys.exit("%s: missing from the rendered page: %s" % (sys.argv[2], ", ".join(missing)))
print("%s: %d outputs and the hash rendered" % (sys.argv[3], len(doc["outputs"])))
PY
  chrome --print-to-pdf="$out/pension-$lang.pdf" --no-pdf-header-footer "file://$page"
  grep -aEq "/MediaBox \[0 0 59[45][.0-9]* 84[12][.0-9]*\]" "$out/pension-$lang.pdf" ||
    { echo "$out/pension-$lang.pdf: not an A4 page"; exit 1; }
  pages=$(grep -ao "/MediaBox" "$out/pension-$lang.pdf" | wc -l)
  echo "$lang: PDF A4, $pages page(s)"
  chrome --screenshot="$out/pension-$lang.png" --window-size=794,1123 --hide-scrollbars \
    "file://$page"
  head -c 8 "$out/pension-$lang.png" | od -An -tx1 | grep -q "89 50 4e 47" ||
    { echo "$out/pension-$lang.png: not a PNG"; exit 1; }
done
echo "calculation sheet rendered in Chromium: DOM, A4 PDF and PNG checked"
