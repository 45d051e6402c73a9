# Sourced by the benchmark scripts. corpus N sets $site and $hugosite to
# the same N pages in pinzhi's format (with this repository's layouts and
# assets) and as a Hugo site, making them with gencorpus.py the first time.
work=${BENCH_DIR:-/tmp/pinzhi-bench}
gencorpus=${GENCORPUS:-../shared/bench/gencorpus.py}
mkdir -p "$work/bin"

corpus() {
  site="$work/site-$1"
  hugosite="$work/hugo-$1"
  if [ ! -d "$site/content" ]; then
    python3 "$gencorpus" "$1" "$site"
    python3 "$gencorpus" --hugo "$1" "$hugosite"
  fi
  rm -rf "$site/layouts" "$site/assets"
  cp -r layouts assets "$site/"
}
