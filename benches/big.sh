#!/usr/bin/env bash
# The 1 GB cases of issue 15: `figcheck extract --format jsonl` over a 1 GB folder of
# articles and over one 1 GB file, with wall time, CPU time and peak memory (GNU time's
# maximum resident set size). The text is generated here, on the fly, into a temporary
# folder that is removed at the end (never committed): news-like French and English
# sentences with several figures per KB, each file with front matter naming its language.
#
#   benches/big.sh [MB]        (default 1000; needs python3 and /usr/bin/time)
#
# Also: a 50 MB single line of dense figures and 100 000 digits before a currency.
# Times on a shared machine are noisy: compare CPU time, and run it alone when you can.
set -euo pipefail
cd "$(dirname "$0")/.."
mb="${1:-1000}"
cargo build --release --quiet
bin="$PWD/target/release/figcheck"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 - "$tmp" "$mb" <<'PY'
import os, random, sys
out, mb = sys.argv[1], int(sys.argv[2])
rnd = random.Random(15)
fr = ["Le groupe a levé {n} millions d'euros auprès de ses actionnaires.",
      "Selon la direction, l'investissement atteint {n} milliards de yuans sur trois ans.",
      "Les analystes évoquent plus de {n} milliards de dollars de chiffre d'affaires.",
      "La société compte 12 000 salariés et vise une croissance de 8 % en 2026.",
      "Le modèle compte {n} milliards de paramètres, selon ses concepteurs.",
      "Le conseil se réunira le 14 mars pour examiner le budget."]
en = ["The company raised ${n} million from existing investors.",
      "Analysts put the plan at about {n} billion yuan over three years.",
      "Revenue rose to more than ${n} billion, the group said on Tuesday.",
      "The firm employs 12,000 people and expects growth of 8% in 2026.",
      "The model has {n} billion parameters, its developers said.",
      "The board meets on March 14 to review the budget."]
def article(lang, size):
    pool = fr if lang == "fr" else en
    parts, n = [f"---\nlang: {lang}\ndate: 2026-03-02\n---\n"], 0
    while n < size:
        s = " ".join(rnd.choice(pool).format(n=rnd.randint(2, 999)) for _ in range(5)) + "\n\n"
        parts.append(s); n += len(s)
    return "".join(parts)
os.makedirs(f"{out}/folder")
total, i = 0, 0
while total < mb * 1_000_000:
    lang = "fr" if i % 2 == 0 else "en"
    text = article(lang, 25_000)
    with open(f"{out}/folder/{i:06}-{lang}.md", "w") as f: f.write(text)
    total += len(text.encode()); i += 1
with open(f"{out}/single.md", "w") as f:
    body = article("fr", 1_000_000)
    f.write(body)
    rest = body.split("---\n", 2)[2]
    written = len(body.encode())
    while written < mb * 1_000_000:
        f.write(rest); written += len(rest.encode())
line = "Alibaba a investi 380 milliards de yuans (50 milliards d euros) cette année. "
with open(f"{out}/line50.txt", "w") as f: f.write(line * 650_000)
with open(f"{out}/digits.txt", "w") as f: f.write("Le total: " + "7" * 100_000 + " milliards de yuans.\n")
# check reads each figure's sentence and paragraph: one long article of 20 MB (a dump,
# no blank-line paragraphs longer than a few sentences), beside the example articles
with open(f"{out}/single.md") as f: head = f.read(20_000_000)
os.makedirs(f"{out}/long")
with open(f"{out}/long/long.md", "w") as f: f.write(head[:head.rfind("\n\n")] + "\n")
PY
cp examples/broken/wrong-sum/*.md examples/broken/digit-drop/*.md "$tmp/long/"

run() { # run NAME ARGS...: time and peak memory of one extract run
  local name=$1; shift
  local size; size=$(du -sb "$1" | cut -f1)
  /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$bin" ${cmd:-extract --format jsonl} "$@" | wc -l > "$tmp/count"
  read -r wall user sys kb < "$tmp/time"
  printf '%-28s %8.1f MB  %7.2f s wall  %7.2f s cpu  %7.1f MB/s  peak %6.0f MB  %9d figures\n' \
    "$name" "$(echo "$size/1000000" | bc -l)" "$wall" "$(echo "$user+$sys" | bc -l)" \
    "$(echo "$size/1000000/$wall" | bc -l)" "$(echo "$kb/1024" | bc -l)" "$(cat "$tmp/count")"
}
run "folder of 25 KB articles" "$tmp/folder"
run "one large file" "$tmp/single.md"
run "50 MB single line (--lang fr)" "$tmp/line50.txt" --lang fr
run "100 000 digits (--lang fr)" "$tmp/digits.txt" --lang fr
# check, whole pipeline (frames, facts, checks, report), one 20 MB article and four
# small ones: with the examples' ledger, and with none (facts discovered); the last
# column counts report lines
cmd="check --format concise --fail-on never --config examples/figcheck.toml" run "check 20 MB, ledger" "$tmp/long"
cmd="check --format concise --fail-on never --no-config" run "check 20 MB, no ledger" "$tmp/long"
