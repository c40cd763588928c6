#!/usr/bin/env bash
# Batch load test: generates a JSONL batch (10,000 answers by default) and times the release CLI's
# `rubricate batch` on it with one worker thread and with two (`--jobs 2`), printing answers per
# second and peak resident memory for each, and checks both outputs are the same, line for line.
#
#   scripts/batch-load.sh            # 10,000 lines, --jobs 1 and --jobs 2
#   LINES=50000 JOBS="1 2 4" scripts/batch-load.sh
#
# `--jobs N` grades bounded chunks of lines on N threads (std::thread, no extra dependency) and
# writes them in input order, so memory stays flat. Needs python3 (to write the batch) and
# GNU time (/usr/bin/time; installed with apt-get when missing).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
lines="${LINES:-10000}"
jobs_list="${JOBS:-1 2}"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
bin="$target_dir/release/rubricate"

if [ ! -x /usr/bin/time ]; then
  echo "== installing GNU time (for peak memory)"
  sudo_=""; [ "$(id -u)" = 0 ] || sudo_=sudo
  $sudo_ apt-get update -qq && $sudo_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time
fi

echo "== building the release CLI"
(cd "$root" && cargo build --release --quiet)

work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
"$bin" rubrics > "$work/rubrics.json"
python3 - "$lines" "$work/rubrics.json" "$work/batch.jsonl" <<'PY'
import json, random, sys
n, rubrics_path, out_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
rng = random.Random(20240611)  # fixed: every run grades the same batch
questions = [(r["id"], q["id"], q["text"]) for r in json.load(open(rubrics_path, encoding="utf-8")) for q in r["questions"]]
sentences = [
    "I would put several instances in different availability zones behind a load balancer with health checks.",
    "The database is replicated and fails over automatically, and we rehearse the failover every quarter.",
    "We measured p99 latency before and after the change; it dropped from 800 ms to 120 ms.",
    "Because a cache can serve stale data, I keep the TTL short and invalidate on every write.",
    "I wrote unit tests for the parser first and then integration tests against a real database in Docker.",
    "Last year our release slipped by two weeks, so I told the product owner the same day and proposed a smaller first milestone.",
    "As a result, support tickets fell by a third within a month, and we kept the checklist.",
    "The trade-off is cost against resilience: running active-active roughly doubles the bill.",
    "First I reproduce the bug, then I bisect the commits to find what changed.",
    "We used Kafka with idempotent producers, and each partition is read by one consumer in the group.",
    "Precision and recall pull against each other, so I choose the threshold from the cost of each kind of error.",
    "Honestly I am not sure, I have not worked with that much.",
    "Um, I guess you could maybe use some kind of queue or something.",
    "Nous avons mesuré la latence: elle est passée de 800 ms à 120 ms. 東京 と 大阪 の リージョン 🚀",
]
references = [
    "Run redundant instances across zones behind a health-checked load balancer, replicate the data with automatic failover, keep the servers stateless and test the failover regularly.",
    "A race condition is when the result depends on the timing of threads touching shared state; fix it with locks, atomics or by not sharing state.",
]
with open(out_path, "w", encoding="utf-8") as f:
    for i in range(n):
        rid, qid, text = rng.choice(questions)
        answer = " ".join(rng.choice(sentences) for _ in range(rng.randint(1, 8)))
        line = {"id": f"load-{i}", "question": text, "answer": answer}
        mode = i % 4
        if mode == 1:
            line["rubric"] = f"{rid}/{qid}"
        elif mode == 2:
            line["reference"] = rng.choice(references)
        f.write(json.dumps(line, ensure_ascii=False) + "\n")
PY
bytes=$(wc -c < "$work/batch.jsonl")
first=""
for jobs in $jobs_list; do
  echo "== grading $lines answers ($((bytes / 1024)) KiB of JSONL) with $bin batch --jobs $jobs ($(nproc) cores here)"
  /usr/bin/time -f '%e %M' -o "$work/time" "$bin" batch --jobs "$jobs" < "$work/batch.jsonl" > "$work/out-$jobs.jsonl"
  read -r wall rss_kib < "$work/time"
  out_lines=$(wc -l < "$work/out-$jobs.jsonl")
  errors=$(grep -c '"error"' "$work/out-$jobs.jsonl" || true)
  if [ "$out_lines" -ne "$lines" ]; then
    echo "error: $out_lines output lines for $lines input lines" >&2
    exit 1
  fi
  if [ -z "$first" ]; then
    first="$jobs"
  elif ! cmp -s "$work/out-$first.jsonl" "$work/out-$jobs.jsonl"; then
    echo "error: --jobs $jobs wrote different output from --jobs $first" >&2
    exit 1
  fi
  python3 - "$lines" "$wall" "$rss_kib" "$errors" "$jobs" <<'PY'
import sys
n, wall, rss_kib, errors, jobs = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
print(f"answers:          {n} ({errors} error lines)")
print(f"wall time:        {wall:.2f} s")
print(f"throughput:       {n / wall if wall > 0 else float('inf'):.0f} answers/second (--jobs {jobs})")
print(f"per answer:       {1000 * wall / n:.2f} ms")
print(f"peak RSS:         {rss_kib / 1024:.1f} MiB")
PY
done

# The Python wheel's score_many on the same batch, when RUBRICATE_PYTHON names an interpreter that
# has it installed (make bench does): one thread, then every core; the scores must be the CLI's.
if [ -n "${RUBRICATE_PYTHON:-}" ]; then
  echo "== the Python wheel: Scorer.score_many on the same $lines answers ($("$RUBRICATE_PYTHON" -c 'import rubricate; print(rubricate.ENGINE_VERSION)'))"
  "$RUBRICATE_PYTHON" - "$work/batch.jsonl" "$work/out-$first.jsonl" <<'PY'
import json, os, sys, time
import rubricate
records = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
cli = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
s = rubricate.Scorer()
results = {}
for jobs in (1, 0):
    start = time.perf_counter()
    results[jobs] = s.score_many(records, jobs=jobs, errors="return")
    wall = time.perf_counter() - start
    label = "one thread" if jobs == 1 else f"every core, {os.cpu_count()}"
    print(f"score_many:       {len(records) / wall:.0f} answers/second ({label}; {wall:.2f} s, dicts included)")
if results[1] != results[0]:
    sys.exit("error: score_many gave different results on one thread and on every core")
if [r.get("score") for r in results[1]] != [c.get("score") for c in cli]:
    sys.exit("error: score_many's scores differ from the CLI's")
print("same scores as the CLI, on one thread and on every core")
PY
fi
