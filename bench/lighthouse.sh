#!/usr/bin/env bash
# Runs Lighthouse on every page of the bundled publication, with its
# mobile and desktop presets, served as the README's host settings serve
# it (bench/static), and prints each page's four scores, each the median of
# $RUNS runs (default 3: Lighthouse's performance score varies from run
# to run with what else the machine does), with the Speed Index and Total
# Blocking Time that most move the performance score, after those of a
# control page with nothing on it, which shows what this machine allows
# any page. Exit status 1 when any score of the site's pages is below 100.
#
#   RUNS=3 THROTTLING=simulate bench/lighthouse.sh [PAGE ...]
#
# PAGE defaults to every page of the sitemap. THROTTLING is Lighthouse's
# throttling method: simulate (its default) measures the page unthrottled
# and multiplies the renderer's tasks by 4 (2 for those that lay out the
# page), time spent waiting included; devtools slows the renderer's
# processor and the network as it runs (README, "Simulated and applied
# throttling", says why both are worth a look).
#
# Needs go, chromium, node and npm (apt-get install chromium nodejs npm).
# Lighthouse comes from the npm registry into a folder outside the
# repository ($LIGHTHOUSE_DIR, kept between runs when set).
set -euo pipefail
cd "$(dirname "$0")/.."
throttling=${THROTTLING:-simulate}
case $throttling in simulate|devtools) ;; *) echo "THROTTLING must be simulate or devtools, not $throttling" >&2; exit 2;; esac

tools=${LIGHTHOUSE_DIR:-$(mktemp -d)}
if [ ! -x "$tools/node_modules/.bin/lighthouse" ]; then
  npm install --prefix "$tools" --no-save --no-audit --no-fund --loglevel=error lighthouse@12 >&2
fi
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
site="http://127.0.0.1:$port/pinzhi/"
go build -o "$work/pinzhi" ./cmd/pinzhi
go build -o "$work/static" ./bench/static
"$work/pinzhi" build --out "$work/public" --base-url "$site" >&2
"$work/static" -addr "127.0.0.1:$port" "$work/public" 2>/dev/null &
server=$!
trap 'kill $server; rm -rf "$work"' EXIT
sleep 1

if [ $# -gt 0 ]; then
  pages=("$@")
else
  mapfile -t pages < <(grep -o "<loc>[^<]*</loc>" "$work/public/sitemap.xml" | sed "s#<loc>$site##; s#</loc>##")
fi
# The control: a page of one heading and one sentence, no style, no
# script, no picture, measured like the others. What it scores is what
# this machine's Chromium allows any page: on a shared 2-core machine a
# fresh headless Chromium spends 65 to 80 ms starting its renderer, which
# the mobile preset's fourfold slowdown makes a long task.
mkdir "$work/public/lighthouse-control"
cat >"$work/public/lighthouse-control/index.html" <<'HTML'
<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Control</title><meta name="description" content="A page with nothing on it"><link rel="icon" href="data:,"></head><body><h1>Control</h1><p>A page with one sentence and nothing else.</p></body></html>
HTML
pages=(lighthouse-control/ "${pages[@]}")
chrome=$(command -v chromium || command -v chromium-browser)
# Chromium runs as Lighthouse's launcher sets it, RenderDocument off
# included, though that makes this headless Chromium show a page's first
# frame a second late in about half the runs (a Speed Index of 2.2 s for
# 0.8 s): turned on, it cost more in blocking time than it gave back
# (README, "A reader's page").
flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run"
echo "throttling: $throttling"
failed=0
printf "%-40s %-8s %5s %5s %5s %5s %7s %6s\n" page preset perf a11y best seo si-ms tbt-ms
for page in "${pages[@]}"; do
  for preset in mobile desktop; do
    extra=()
    [ "$preset" = desktop ] && extra=(--preset=desktop)
    for run in $(seq "${RUNS:-3}"); do
      CHROME_PATH=$chrome "$tools/node_modules/.bin/lighthouse" "$site$page" "${extra[@]}" --quiet \
        --chrome-flags="$flags" --throttling-method="$throttling" --output=json --output-path="$work/report-$run.json" \
        --only-categories=performance,accessibility,best-practices,seo >/dev/null 2>&1 || true
    done
    scores=$(python3 - "$work"/report-*.json <<'PY'
import json, statistics, sys
keys = ("performance", "accessibility", "best-practices", "seo")
runs = []
for name in sys.argv[1:]:
    try:
        report = json.load(open(name))
        c, a = report["categories"], report["audits"]
        runs.append([round((c[k]["score"] or 0) * 100) for k in keys]
                    + [round(a[m]["numericValue"]) for m in ("speed-index", "total-blocking-time")])
    except Exception:
        runs.append([0, 0, 0, 0, 0, 0])
print(" ".join(str(int(statistics.median(r[i] for r in runs))) for i in range(len(runs[0]))))
PY
)
    rm -f "$work"/report-*.json
    read -r perf a11y best seo si tbt <<<"$scores"
    printf "%-40s %-8s %5s %5s %5s %5s %7s %6s\n" "/${page}" "$preset" "$perf" "$a11y" "$best" "$seo" "$si" "$tbt"
    [ "$page" = lighthouse-control/ ] && continue # not the site's
    for s in $perf $a11y $best $seo; do [ "$s" -lt 100 ] && failed=1; done
  done
done
exit $failed
