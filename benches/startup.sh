#!/usr/bin/env bash
# Start-up of a one-article run (issue 14): wall time, median of N runs (hyperfine when
# installed, else a loop), and the exact instruction count (valgrind's callgrind, when
# installed: repeatable on a shared machine, where wall times are noise).
#
#   benches/startup.sh [RUNS]        (default 10; builds the release binary first)
#
# Cases: `check` of one English and one French article (with examples/figcheck.toml,
# found from the working folder), `extract --lang fr` of one article, `--version`.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"
cargo build --release --quiet
bin="$PWD/target/release/figcheck"
en=examples/alibaba/2025-01-28-en-selloff.md
fr=examples/alibaba/2025-02-24-fr-plan.md
cases=("check $en" "check $fr" "extract --lang fr $fr" "--version")

median_ms() { # median_ms ARGS...: median wall time of $runs runs, in ms
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$bin" "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n |
    awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.1f", m / 1000}'
}

instructions() { # instructions ARGS...: millions of instructions of one run
  command -v valgrind >/dev/null || { printf 'n/a'; return; }
  local out
  out=$(mktemp)
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$@" 2>"$out" >/dev/null || true
  awk '/Collected/ {printf "%.0f M", $4 / 1e6}' "$out"
  rm -f "$out"
}

for c in "${cases[@]}"; do
  # shellcheck disable=SC2086 # each case is a command line, split on purpose
  if command -v hyperfine >/dev/null; then
    wall=$(hyperfine -N -i -r "$runs" --export-json /dev/stdout "$bin $c" 2>/dev/null |
      python3 -c 'import json,sys; print("%.1f" % (json.load(sys.stdin)["results"][0]["median"] * 1000))')
  else
    wall=$(median_ms $c)
  fi
  # shellcheck disable=SC2086
  printf '%-66s %8s ms  %10s instructions\n' "figcheck $c" "$wall" "$(instructions $c)"
done
