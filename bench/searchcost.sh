#!/usr/bin/env bash
# Measures what the search index costs a build: the corpus of N pages
# built with this repository's layouts and again without layouts/search.html
# (no search page, no index), alternating the two, and prints the median
# wall and processor time of each and the index's share of the build.
#
#   bench/searchcost.sh [--runs 12] [N]      (default N: 10000)
#
# Repeated builds, as compare.sh's. Needs go and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=12
n=10000
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift ;;
    *) n="$1" ;;
  esac
  shift
done
command -v python3 >/dev/null || { echo "searchcost.sh: python3 is missing (apt-get install python3)" >&2; exit 1; }

. bench/corpus.sh
corpus "$n"
go build -o "$work/bin/pinzhi" ./cmd/pinzhi
# The same site without its search page: a folder of this run's own,
# sharing the corpus's content, removed on exit.
without=$(mktemp -d)
trap 'rm -rf "$without"' EXIT
ln -s "$site/content" "$without/content"
cp -r layouts assets "$without/"
rm "$without/layouts/search.html"

python3 - "$runs" "$work/bin/pinzhi" "$site" "$without" "$work" <<'PY'
import resource, statistics, subprocess, sys, time
runs, pinzhi, site, without, work = int(sys.argv[1]), *sys.argv[2:]
builds = {"with": [pinzhi, "build", "--src", site, "--out", work + "/out-with"],
          "without": [pinzhi, "build", "--src", without, "--out", work + "/out-without"]}
wall, cpu = {k: [] for k in builds}, {k: [] for k in builds}
def used():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime
for i in range(runs + 1):  # the first round warms the caches, untimed
    for name in (builds if i % 2 else reversed(list(builds))):
        c, t = used(), time.perf_counter()
        subprocess.run(builds[name], stderr=subprocess.DEVNULL, check=True)
        if i:
            wall[name].append(time.perf_counter() - t)
            cpu[name].append(used() - c)
for label, m in (("wall", wall), ("processor", cpu)):
    w, wo = statistics.median(m["with"]), statistics.median(m["without"])
    print(f"{label:9} {w:6.2f} s with the index, {wo:6.2f} s without: the index is {(w - wo) / w * 100:4.1f}% of the build")
PY
