#!/usr/bin/env bash
# Builds the same synthetic pages with pinzhi, with Hugo and with the
# "floor" program (goldmark + minify + write, nothing else), alternating the
# three, and prints the median wall time and peak memory of each and the
# ratios.
#
#   bench/compare.sh [--fresh] [--runs 7] [--baseline REV] [N ...]      (default N: 1000 10000)
#
# --baseline REV also builds pinzhi as it was at the git revision REV and
# runs it in the same alternation, so that a change is measured against
# what it changed, on the same machine in the same minutes.
#
# By default each tool builds into the folder it built into the run before,
# as repeated builds do. With --fresh every run builds into a folder that
# does not exist yet, as a deploy from a clean clone does; the folders are
# removed after the series, outside the timing. Needs go, hugo (Debian's
# package), GNU time (/usr/bin/time) and python3: apt-get install hugo time python3
set -euo pipefail
cd "$(dirname "$0")/.."

runs=7
fresh=0
baseline=""
sizes=()
while [ $# -gt 0 ]; do
  case "$1" in
    --fresh) fresh=1 ;;
    --runs) runs="$2"; shift ;;
    --baseline) baseline="$2"; shift ;;
    *) sizes+=("$1") ;;
  esac
  shift
done
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)

for tool in go hugo /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "compare.sh: $tool is missing (apt-get install hugo time python3)" >&2; exit 1; }
done

. bench/corpus.sh
go build -o "$work/bin/pinzhi" ./cmd/pinzhi
go build -o "$work/bin/floor" ./bench/floor
if [ -n "$baseline" ]; then
  git worktree add --detach "$work/baseline" "$baseline" >/dev/null 2>&1
  (cd "$work/baseline" && go build -o "$work/bin/pinzhi-baseline" ./cmd/pinzhi)
  git worktree remove --force "$work/baseline"
fi

# run NAME CMD...: one timed run, appended to $results as "name seconds KB".
run() {
  local name=$1; shift
  /usr/bin/time -o "$work/time.txt" -f "%e %M" "$@" >/dev/null 2>&1
  echo "$name $(tail -1 "$work/time.txt")" >>"$results"
}

for n in "${sizes[@]}"; do
  corpus "$n"
  results="$work/results-$n.txt"
  out="$work/out-$n"
  : >"$results"
  rm -rf "$out" && mkdir -p "$out"
  # One run each first, untimed: the caches are warm, and for repeated
  # builds the output folders exist.
  for i in 1 2; do
    "$work/bin/pinzhi" build --src "$site" --out "$out/pinzhi" --base-url http://example.org/ 2>/dev/null
  done
  hugo --quiet -s "$hugosite" -d "$out/hugo" >/dev/null
  "$work/bin/floor" "$site" "$out/floor" >/dev/null
  if [ -n "$baseline" ]; then
    for i in 1 2; do
      "$work/bin/pinzhi-baseline" build --src "$site" --out "$out/baseline" --base-url http://example.org/ 2>/dev/null
    done
  fi
  for i in $(seq "$runs"); do
    suffix=""
    [ "$fresh" = 1 ] && suffix="-$i"
    run pinzhi "$work/bin/pinzhi" build --src "$site" --out "$out/pinzhi$suffix" --base-url http://example.org/
    run hugo hugo --quiet -s "$hugosite" -d "$out/hugo$suffix"
    run floor "$work/bin/floor" "$site" "$out/floor$suffix"
    if [ -n "$baseline" ]; then
      run baseline "$work/bin/pinzhi-baseline" build --src "$site" --out "$out/baseline$suffix" --base-url http://example.org/
    fi
  done
  rm -rf "$out"
  python3 - "$results" "$n" "$fresh" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
med = {}
mode = "fresh" if sys.argv[3] == "1" else "repeated"
names = [n for n in ("pinzhi", "hugo", "floor", "baseline") if any(r[0] == n for r in rows)]
for name in names:
    t = [float(r[1]) for r in rows if r[0] == name]
    m = [int(r[2]) / 1024 for r in rows if r[0] == name]
    med[name] = statistics.median(t)
    print(f"{sys.argv[2]:>6} pages {mode:8} {name:7} median {med[name]:6.2f} s "
          f"(min {min(t):.2f}, max {max(t):.2f}, {len(t)} runs)  peak memory {max(m):6.0f} MB")
line = f"{sys.argv[2]:>6} pages {mode:8} pinzhi/hugo = {med['pinzhi'] / med['hugo']:.2f}   pinzhi/floor = {med['pinzhi'] / med['floor']:.2f}"
if "baseline" in med:
    line += f"   pinzhi/baseline = {med['pinzhi'] / med['baseline']:.2f}"
print(line)
PY
done
