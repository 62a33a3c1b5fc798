#!/usr/bin/env bash
# Run every figcheck fuzz target for a bounded time, one after the other.
#
#   fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]     (default: 60 s, all targets)
#
# Seeds come from the repository (examples/, tests/fixtures/, rules/, rates/), copied
# into fuzz/corpus/<target>/ (git-ignored; the corpus grows across runs). A crash or
# violated invariant stops with exit 1 and leaves the input in fuzz/artifacts/<target>/;
# replay it with `cargo +nightly fuzz run -s none <target> fuzz/artifacts/<target>/<file>`.
# Prints, per target, the executions, the rate and the corpus size (from libFuzzer's
# last status line). Installs cargo-fuzz when it is missing (needs the nightly toolchain).
# FUZZ_MAX_LEN sets libFuzzer's -max_len (default 65536; with 4096 claims ran 1 825 executions a second against 851).
# FUZZ_BUILD_FLAGS adds cargo-fuzz build flags, e.g. "--no-trace-compares --target-dir
# target-notc" for long runs of `rules` (3.3x the executions: most of its time is the
# compare tracing inside the regex compiler); FUZZ_JOB names the log (corpus/<target>-<job>.log)
# so two runs of one target can share its corpus side by side.
# FUZZ_BACKGROUND=1 lowers the CPU share of the session the script runs in (Linux
# autogroup nice 19; start it in a session of its own, `setsid fuzz/run.sh ...`): with
# autogroups on, `nice` alone does not yield to processes of other sessions, and a
# benchmark beside two fuzzers ran at a third of its speed (with it: as when idle).
set -euo pipefail
if [ "${FUZZ_BACKGROUND:-0}" = 1 ] && [ -w /proc/self/autogroup ]; then
  echo 19 > /proc/self/autogroup
fi
cd "$(dirname "$0")"
secs="${1:-60}"
shift || true
all=(number extract rules front_matter html claims rates)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")
repo=..

if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal

# --- seed corpora -------------------------------------------------------------------
seed() { # seed TARGET FILE [NAME]: copy FILE into the target's corpus
  local dir="corpus/$1"
  mkdir -p "$dir"
  cp "$2" "$dir/seed-${3:-$(echo "$2" | tr '/' '_')}"
}
articles=$(find "$repo/examples" "$repo/tests/fixtures/sources" "$repo/tests/fixtures/languages" \
  "$repo/tests/fixtures/cli" "$repo/tests/fixtures/html" -type f \( -name '*.md' -o -name '*.txt' -o -name '*.html' \) | sort)
n=0
for f in $articles; do
  n=$((n + 1))
  # extract: the first byte chooses .txt/.md/.html and the language (see the target).
  mkdir -p corpus/extract
  case "$f" in
    *.html) sel='\x02' ;; *.md) sel='\x01' ;; *) sel='\x00' ;;
  esac
  { printf "$sel"; cat "$f"; } > "corpus/extract/seed-$n"
  { printf '\x03'; cat "$f"; } > "corpus/extract/seed-$n-lang"
  seed front_matter "$f" "$n"
  seed html "$f" "$n"
done
mkdir -p corpus/number
i=0
for s in "52" "8,4" "52.4" "1 120" "1 120" "1 000" "1.234.567" "1,234.56" "１,２００" "0,001" \
  "380 000 000 000" "99999999999999999999999999999" "1.5" "12,5"; do
  i=$((i + 1)); printf '%s' "$s" > "corpus/number/seed-$i"
done
# rules: one input per bundled language (the "*" packs with it) and per broken pack.
mkdir -p corpus/rules
pack_input() { # pack_input DIR...: the packs as one multi-file input
  for d in "$@"; do
    for f in "$d"/*.toml; do printf '#@ %s/%s\n' "$(basename "$d")" "$(basename "$f")"; cat "$f"; echo; done
  done
}
for d in "$repo"/rules/*/; do
  d=${d%/}
  [ "$(basename "$d")" = common ] && continue
  pack_input "$repo/rules/common" "$d" > "corpus/rules/seed-$(basename "$d")"
done
# and small packs written for fuzzing (fuzz/seeds/rules: one or two patterns, a few table
# words), which compile in a fraction of a bundled language's time.
for f in seeds/rules/*.pack; do seed rules "$f" "$(basename "$f")"; done
for d in "$repo"/tests/fixtures/rules-bad/*/; do
  d=${d%/}
  ls "$d"/*.toml >/dev/null 2>&1 || continue
  pack_input "$d" > "corpus/rules/seed-bad-$(basename "$d")"
done
# rates: the fixture tables and the head and tail of the bundled ECB table.
for f in $(find "$repo/tests/fixtures/rates" -type f | sort); do seed rates "$f"; done
head -n 40 "$repo/rates/ecb.csv" > corpus/rates/seed-ecb-head
{ head -n 1 "$repo/rates/ecb.csv"; tail -n 20 "$repo/rates/ecb.csv"; } > corpus/rates/seed-ecb-tail
# claims: the JSON-lines reports of the examples, a few records each (small inputs
# mutate faster; a whole report is thousands of records).
mkdir -p corpus/claims
for d in alibaba brumelune broken/digit-drop broken/hkd-as-yuan; do
  name=$(echo "$d" | tr '/' '_')
  (cd "$repo" && cargo run --quiet -- check "examples/$d" --format jsonl 2>/dev/null || true) \
    > "corpus/claims/all-$name.tmp"
  head -n 3 "corpus/claims/all-$name.tmp" > "corpus/claims/seed-$name"
  sed -n '40,41p' "corpus/claims/all-$name.tmp" > "corpus/claims/seed-$name-40"
  rm -f "corpus/claims/all-$name.tmp"
done

# --- run ----------------------------------------------------------------------------
# shellcheck disable=SC2086 # FUZZ_BUILD_FLAGS is a list of flags
nice -n 10 cargo +nightly fuzz build -s none ${FUZZ_BUILD_FLAGS:-} >/dev/null
status=0
for t in "${targets[@]}"; do
  log="corpus/$t${FUZZ_JOB:+-$FUZZ_JOB}.log"
  mkdir -p "artifacts/$t"
  set +e
  # shellcheck disable=SC2086
  nice -n 19 cargo +nightly fuzz run -s none ${FUZZ_BUILD_FLAGS:-} "$t" "corpus/$t" -- \
    -max_total_time="$secs" -max_len="${FUZZ_MAX_LEN:-65536}" -timeout=20 -rss_limit_mb=4096 \
    -artifact_prefix="artifacts/$t/" -print_final_stats=1 > "$log" 2>&1
  rc=$?
  set -e
  last=$(grep -E '#[0-9]+.*(DONE|pulse|NEW|REDUCE)' "$log" | tail -n 1 || true)
  execs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
  rate=$(grep -E '^stat::average_exec_per_sec' "$log" | awk '{print $2}')
  printf '%-13s exit %-3s execs %-10s %s exec/s   %s\n' "$t" "$rc" "${execs:-?}" "${rate:-?}" "$last"
  if [ "$rc" -ne 0 ]; then
    status=1
    grep -E 'panicked|ERROR|SUMMARY' "$log" | head -n 5 >&2 || true
    ls "artifacts/$t" >&2
  fi
done
exit $status
