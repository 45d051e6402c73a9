# Sourced by the benchmark scripts. corpus N sets $site and $hugosite to
# the same N pages in pinzhi's format (with this repository's layouts and
# assets) and as a Hugo site, making them with bench/gencorpus the first
# time; the layouts and assets are copied afresh every time.
work=${BENCH_DIR:-/tmp/pinzhi-bench}
mkdir -p "$work/bin"
go build -o "$work/bin/gencorpus" ./bench/gencorpus

corpus() {
  site="$work/site-$1"
  hugosite="$work/hugo-$1"
  if [ ! -d "$site/content" ]; then
    "$work/bin/gencorpus" "$1" "$site"
    "$work/bin/gencorpus" --hugo "$1" "$hugosite"
  fi
  rm -rf "$site/layouts" "$site/assets"
  cp -r layouts assets "$site/"
}
