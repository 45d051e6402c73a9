#!/usr/bin/env bash
# Builds the same synthetic pages with pinzhi, with Hugo and with the
# "floor" program (goldmark + minify + write, nothing else), alternating the
# three, and prints the median wall time and peak memory of each and the
# ratios.
#
#   bench/compare.sh [--cold] [--runs 7] [N ...]      (default N: 1000 10000)
#
# Warm runs (the default) keep each tool's output folder between runs, as
# repeated builds do; --cold removes it before every run. Needs go, python3,
# hugo (Debian's package) and GNU time (/usr/bin/time): apt-get install hugo time
set -euo pipefail
cd "$(dirname "$0")/.."

runs=7
cold=0
sizes=()
while [ $# -gt 0 ]; do
  case "$1" in
    --cold) cold=1 ;;
    --runs) runs="$2"; shift ;;
    *) sizes+=("$1") ;;
  esac
  shift
done
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)

for tool in go python3 hugo /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "compare.sh: $tool is missing (apt-get install hugo time)" >&2; exit 1; }
done

. bench/corpus.sh
go build -o "$work/bin/pinzhi" ./cmd/pinzhi
go build -o "$work/bin/floor" ./bench/floor

# run NAME CMD...: one timed run, appended to $results as "name seconds KB".
run() {
  local name=$1; shift
  /usr/bin/time -o "$work/time.txt" -f "%e %M" "$@" >/dev/null 2>&1
  echo "$name $(tail -1 "$work/time.txt")" >>"$results"
}

for n in "${sizes[@]}"; do
  corpus "$n"
  results="$work/results-$n.txt"
  : >"$results"
  clean() {
    rm -rf "$site/public" "$site/.public.next" "$site"/.public.*files "$hugosite/public" "$work/floor-$n"
  }
  clean
  # One run each first, untimed: caches warm, output folders exist.
  "$work/bin/pinzhi" build --src "$site" --out "$site/public" --base-url http://example.org/ 2>/dev/null
  "$work/bin/pinzhi" build --src "$site" --out "$site/public" --base-url http://example.org/ 2>/dev/null
  hugo --quiet -s "$hugosite" >/dev/null
  "$work/bin/floor" "$site" "$work/floor-$n" >/dev/null
  for i in $(seq "$runs"); do
    [ "$cold" = 1 ] && clean && sync
    run pinzhi "$work/bin/pinzhi" build --src "$site" --out "$site/public" --base-url http://example.org/
    run hugo hugo --quiet -s "$hugosite"
    run floor "$work/bin/floor" "$site" "$work/floor-$n"
  done
  python3 - "$results" "$n" "$cold" <<'EOF'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
med = {}
for name in ("pinzhi", "hugo", "floor"):
    t = [float(r[1]) for r in rows if r[0] == name]
    m = [int(r[2]) / 1024 for r in rows if r[0] == name]
    med[name] = statistics.median(t)
    print(f"{sys.argv[2]:>6} pages {'cold' if sys.argv[3] == '1' else 'warm'}  {name:7} median {med[name]:6.2f} s "
          f"(min {min(t):.2f}, max {max(t):.2f}, {len(t)} runs)  peak memory {max(m):6.0f} MB")
print(f"{sys.argv[2]:>6} pages  pinzhi/hugo = {med['pinzhi'] / med['hugo']:.2f}   pinzhi/floor = {med['pinzhi'] / med['floor']:.2f}")
EOF
done
