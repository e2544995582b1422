#!/usr/bin/env bash
# Checks Byline's feeds and sitemaps with outside tools:
#   - RSS and Atom parsed by Python's feedparser (PyPI): no bozo flag, the right items, titles, links, dates;
#     JSON Feed (which feedparser 6.0 does not read) checked for the fields JSON Feed 1.1 requires;
#   - sitemaps validated by `xmllint --schema` (Debian's libxml2-utils) against the schemas in scripts/xsd/,
#     which are written for Byline from the sitemaps.org protocol and Google News documentation (the published
#     XSDs cannot be fetched here);
#   - robots.txt naming both sitemaps; JSON-LD parsed and safe inside a <script> element.
# The samples come from the SampleOutputTests suite, which writes them when BYLINE_SYNDICATION_SAMPLES is set.
#
#   scripts/validate-syndication.sh [SAMPLES_DIR]     (SWIFT_TEST_FLAGS="--scratch-path .build-x" to pick a build folder)
# Installs feedparser (pip) and libxml2-utils (apt) when missing. Ends with "N passed, N failed"; exits 1 on a failure.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
samples="${1:-$(mktemp -d "${TMPDIR:-/tmp}/byline-syndication.XXXXXX")}"
cd "$root"

# shellcheck source=lib/python-env.sh
. scripts/lib/python-env.sh
python_env feedparser
if ! command -v xmllint >/dev/null 2>&1; then
    echo "installing libxml2-utils..."
    (apt-get update -qq && apt-get install -y -qq libxml2-utils) >/dev/null
fi

if [[ ! -f "$samples/feed.xml" ]]; then
    echo "writing samples to $samples (swift test --filter SampleOutputTests)..."
    # shellcheck disable=SC2086
    BYLINE_SYNDICATION_SAMPLES="$samples" swift test ${SWIFT_TEST_FLAGS:-} --filter SampleOutputTests >"$samples/swift-test.log" 2>&1 || {
        tail -30 "$samples/swift-test.log"; echo "could not write samples"; echo "0 passed, 1 failed"; exit 1; }
fi

passed=0
failed=0
pass() { echo "PASS  $1"; passed=$((passed + 1)); }
fail() { echo "FAIL  $1"; failed=$((failed + 1)); }

# Feeds, with feedparser.
while IFS= read -r line; do
    case "$line" in
        PASS*) pass "${line#PASS }" ;;
        FAIL*) fail "${line#FAIL }" ;;
        *) echo "      $line" ;;
    esac
done < <("$PY" - "$samples" <<'PY'
import json, sys, os
from datetime import datetime
import feedparser

folder = sys.argv[1]
expected = json.load(open(os.path.join(folder, "expected.json"), encoding="utf-8"))

# feedparser 6.0 (PyPI) reads RSS and Atom; JSON Feed is checked field by field below.
for name, version_prefix in [("feed.xml", "rss20"), ("feed.atom", "atom10")]:
    path = os.path.join(folder, name)
    parsed = feedparser.parse(path)
    problems = []
    if parsed.bozo:
        problems.append(f"bozo: {parsed.bozo_exception!r}")
    if not parsed.version.startswith(version_prefix):
        problems.append(f"version {parsed.version!r}, expected {version_prefix}")
    if len(parsed.entries) != expected["items"]:
        problems.append(f"{len(parsed.entries)} entries, expected {expected['items']}")
    if parsed.entries:
        first = parsed.entries[0]
        title = first.get("title", "")
        # feedparser sanitises HTML-looking titles; the text around the markup must survive intact.
        if "Q&A:" not in title or "'quotes'" not in title:
            problems.append(f"first title {title!r}")
        if not first.get("link", "").startswith("https://news.example/article/"):
            problems.append(f"first link {first.get('link')!r}")
        if not first.get("published_parsed"):
            problems.append("first entry has no parsed date")
        content = (first.get("content") or [{}])[0].get("value", "")
        if "https://news.example/article/other" not in content:
            problems.append("relative link in content not made absolute")
        if "<script" in content:
            problems.append("script in content")
    print(("FAIL " if problems else "PASS ") + f"feedparser {name}: {parsed.version}, {len(parsed.entries)} entries"
          + ("; " + "; ".join(problems) if problems else ""))

feed = json.load(open(os.path.join(folder, "feed.json"), encoding="utf-8"))
problems = []
if feed.get("version") != "https://jsonfeed.org/version/1.1":
    problems.append("version")
if not isinstance(feed.get("title"), str):
    problems.append("title")
if not isinstance(feed.get("items"), list):
    problems.append("items")
elif len(feed["items"]) != expected["items"]:
    problems.append(f"{len(feed['items'])} items, expected {expected['items']}")
elif feed["items"][0].get("title") != expected["first_title"]:
    problems.append(f"first title {feed['items'][0].get('title')!r}")
for i, item in enumerate(feed.get("items", [])):
    if not isinstance(item.get("id"), str):
        problems.append(f"items[{i}].id")
    if not (isinstance(item.get("content_html"), str) or isinstance(item.get("content_text"), str)):
        problems.append(f"items[{i}] content")
    for key in ("date_published", "date_modified"):
        if key in item:
            try:
                datetime.fromisoformat(item[key].replace("Z", "+00:00"))
            except ValueError:
                problems.append(f"items[{i}].{key} not RFC 3339")
    for key in ("url", "image"):
        if key in item and not item[key].startswith("https://"):
            problems.append(f"items[{i}].{key} not absolute")
print(("FAIL " if problems else "PASS ") + "JSON Feed 1.1 required fields" + ("; missing or wrong: " + ", ".join(problems) if problems else ""))

text = open(os.path.join(folder, "newsarticle.jsonld"), encoding="utf-8").read()
problems = []
for bad in ("<", ">", "&", "\u2028", "\u2029"):
    if bad in text:
        problems.append(f"raw {bad!r}")
ld = json.loads(text)
for key in ("headline", "datePublished", "dateModified", "author", "publisher", "image", "articleSection", "isAccessibleForFree"):
    if key not in ld:
        problems.append(f"no {key}")
if ld.get("@type") != "NewsArticle":
    problems.append("@type")
print(("FAIL " if problems else "PASS ") + "JSON-LD NewsArticle parses, has its fields and is script-safe" + ("; " + "; ".join(problems) if problems else ""))
PY
)

# Sitemaps, with xmllint and the schemas.
check_schema() {
    local file="$1" schema="$2"
    if out=$(xmllint --noout --schema "scripts/xsd/$schema" "$samples/$file" 2>&1); then
        pass "xmllint $file against scripts/xsd/$schema"
    else
        fail "xmllint $file against scripts/xsd/$schema"
        echo "$out" | head -5 | sed 's/^/      /'
    fi
}
check_schema sitemap-index.xml siteindex.xsd
check_schema sitemap-articles.xml sitemap.xsd
check_schema sitemap-sections.xml sitemap.xsd
check_schema sitemap-tags.xml sitemap.xsd
check_schema sitemap-authors.xml sitemap.xsd
check_schema sitemap-news.xml news-sitemap.xsd

news_urls=$(grep -c "<news:news>" "$samples/sitemap-news.xml" || true)
if [[ "$news_urls" -ge 1 && "$news_urls" -le 1000 ]]; then pass "news sitemap lists $news_urls article(s) (1..1000)"; else fail "news sitemap lists $news_urls articles"; fi

if grep -q "^Sitemap: https://news.example/sitemap.xml$" "$samples/robots.txt" && grep -q "^Sitemap: https://news.example/sitemaps/news.xml$" "$samples/robots.txt"; then
    pass "robots.txt names the sitemap index and the news sitemap"
else
    fail "robots.txt names the sitemap index and the news sitemap"
fi

echo
echo "samples: $samples"
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
