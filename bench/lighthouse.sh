#!/usr/bin/env bash
# Runs Lighthouse on every page of the bundled publication, with its
# mobile and desktop presets, served as the README's host settings serve
# it (bench/static), and prints each page's four scores, each the median of
# $RUNS runs (default 3: Lighthouse's performance score varies from run
# to run with what else the machine does). Exit status 1 when any score is
# below 100.
#
#   RUNS=3 bench/lighthouse.sh [PAGE ...]     (default: every page of the sitemap)
#
# Needs go, chromium, node and npm (apt-get install chromium nodejs npm).
# Lighthouse comes from the npm registry into a folder outside the
# repository ($LIGHTHOUSE_DIR, kept between runs when set).
set -euo pipefail
cd "$(dirname "$0")/.."

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
chrome=$(command -v chromium || command -v chromium-browser)
flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run"
failed=0
printf "%-40s %-8s %5s %5s %5s %5s\n" page preset perf a11y best seo
for page in "${pages[@]}"; do
  for preset in mobile desktop; do
    extra=()
    [ "$preset" = desktop ] && extra=(--preset=desktop)
    for run in $(seq "${RUNS:-3}"); do
      CHROME_PATH=$chrome "$tools/node_modules/.bin/lighthouse" "$site$page" "${extra[@]}" --quiet \
        --chrome-flags="$flags" --output=json --output-path="$work/report-$run.json" \
        --only-categories=performance,accessibility,best-practices,seo >/dev/null 2>&1 || true
    done
    scores=$(python3 - "$work"/report-*.json <<'PY'
import json, statistics, sys
keys = ("performance", "accessibility", "best-practices", "seo")
runs = []
for name in sys.argv[1:]:
    try:
        c = json.load(open(name))["categories"]
        runs.append([round((c[k]["score"] or 0) * 100) for k in keys])
    except Exception:
        runs.append([0, 0, 0, 0])
print(" ".join(str(int(statistics.median(r[i] for r in runs))) for i in range(len(keys))))
PY
)
    read -r perf a11y best seo <<<"$scores"
    printf "%-40s %-8s %5s %5s %5s %5s\n" "/${page}" "$preset" "$perf" "$a11y" "$best" "$seo"
    for s in $perf $a11y $best $seo; do [ "$s" -lt 100 ] && failed=1; done
    rm -f "$work"/report-*.json
  done
done
exit $failed
