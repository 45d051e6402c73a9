#!/usr/bin/env bash
# Measures edit-to-served latency at N pages (default 10,000) for
# "pinzhi serve" and "hugo server": each edit adds a paragraph to one
# community's body (body), or changes its quote in the front matter
# (quote), and the page is polled until it has the change.
#
#   bench/latency.sh [N]
#
# Needs go, python3 and hugo (Debian's package).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
. bench/corpus.sh
go build -o "$work/bin/pinzhi" ./cmd/pinzhi
go build -o "$work/bin/latency" ./bench/latency
corpus "$n"
page=c$(printf %06d $((n / 2)))
for edit in body quote; do
  echo "pinzhi serve, $edit edits:"
  "$work/bin/latency" -edit "$edit" -gap 1s -n 30 -file "$site/content/communities/$page.md" \
    -url "http://127.0.0.1:1500/communities/$page/" -- \
    "$work/bin/pinzhi" serve --src "$site" --port 1500 --base-url http://example.org/
  echo "hugo server, $edit edits:"
  "$work/bin/latency" -edit "$edit" -gap 1s -n 30 -file "$hugosite/content/communities/$page.md" \
    -url "http://127.0.0.1:1501/communities/$page/" -- \
    hugo server -s "$hugosite" --port 1501 --bind 127.0.0.1 --baseURL http://127.0.0.1:1501/
done
