#!/usr/bin/env python3
"""Grades every bundled model answer against its own question's model answer (it should score
>= 4.5), against another question's (an answer about something else: it should score <= 1.5) and
on its question alone, and prints the means and counts. This is the check that chose
KEY_SHARE_FULL (src/score/signals/coverage.rs): candidates 0 (none), 0.2, 0.3 and 0.4, with the
real development set and the short-answer set of `make accuracy` beside it.

    cargo build --release && python3 scripts/cross-grade.py [path/to/rubricate]

The "other" answer of each question is drawn with a fixed seed, so runs compare.
"""
import glob
import json
import os
import random
import statistics
import subprocess
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "target", "release", "rubricate")
questions = []
for path in sorted(glob.glob(os.path.join(root, "rubrics", "*.json"))):
    if path.endswith("schema.json"):
        continue
    with open(path, encoding="utf-8") as f:
        rubric = json.load(f)
    for q in rubric["questions"]:
        questions.append((rubric["id"], q["id"], q["text"], q["reference"]))

rng = random.Random(7)
lines = []
for i, (rid, qid, text, ref) in enumerate(questions):
    j = rng.randrange(len(questions) - 1)
    j = j if j < i else j + 1
    lines.append({"id": f"self/{rid}/{qid}", "question": text, "reference": ref, "answer": ref})
    lines.append({"id": f"other/{rid}/{qid}", "question": text, "reference": ref, "answer": questions[j][3]})
    lines.append({"id": f"question-only/{rid}/{qid}", "question": text, "answer": ref})
run = subprocess.run([binary, "batch"], input="\n".join(json.dumps(l) for l in lines),
                     capture_output=True, text=True, check=True)
scores = {}
for line in run.stdout.splitlines():
    out = json.loads(line)
    scores.setdefault(out["id"].split("/")[0], []).append(out.get("score", 0.0))
print(f"{len(questions)} bundled model answers")
for kind, values in scores.items():
    print(f"{kind:14} mean {statistics.mean(values):.2f}  min {min(values):.1f}  max {max(values):.1f}  "
          f"below 4.5: {sum(v < 4.5 for v in values):3}  above 1.5: {sum(v > 1.5 for v in values):3}")
