"""The Python binding against its contract: the same results as the command line, plain dicts,
code-point evidence offsets, ValueError with the CLI's messages, score_many in order on every core
with the GIL released, custom rubrics, pickling. Run by `make test` (scripts/test-python.sh) in a
fresh venv with the wheel from `make wheel`; RUBRICATE_CLI names the native CLI to compare with."""

import json
import math
import os
import pickle
import subprocess
import threading
import time
from pathlib import Path

import pytest

import rubricate

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
CLI = os.environ.get("RUBRICATE_CLI")

INDEX_Q = "What is a database index and what does it cost?"
INDEX_A = (
    "An index is a sorted structure kept beside the table, a B-tree on the column, so a lookup "
    "walks a few pages instead of scanning every row. The cost: every insert or update must also "
    "update the index, and it takes disk space, so I index the columns we filter on, not all of them."
)
INDEX_KEY = (
    "An index is an extra sorted structure (usually a B-tree) that lets the database find rows "
    "without a full scan; it makes writes slower and uses storage."
)
STATE_PROPS = "react-frontend/state-vs-props"
# Non-ASCII before and inside the evidence: byte, UTF-16 and code-point offsets all differ.
STATE_PROPS_A = (
    "Voilà — in short: props are passed in by the parent 🚀 and the child must not change them; "
    "state is the component's own data, which it updates with setState or useState, and a change "
    "re-renders it. Props flow down, events flow up."
)


@pytest.fixture(scope="module")
def scorer():
    return rubricate.Scorer()


def cli(*args, stdin=""):
    if not CLI:
        pytest.fail("RUBRICATE_CLI is not set: make test sets it to the native CLI")
    return subprocess.run([CLI, *args], input=stdin.encode(), capture_output=True, check=False)


def test_versions_are_the_engines(scorer):
    cargo = (ROOT / "Cargo.toml").read_text()
    version = next(l.split('"')[1] for l in cargo.splitlines() if l.startswith("version = "))
    assert rubricate.__version__ == version
    assert rubricate.ENGINE_VERSION == f"rubricate {version}" == scorer.version
    assert "rubricate" in repr(scorer)


def test_score_is_the_clis_json(scorer):
    got = scorer.score(question=INDEX_Q, answer=INDEX_A, reference=INDEX_KEY)
    out = cli("score", "--question", INDEX_Q, "--reference", INDEX_KEY, stdin=INDEX_A)
    assert out.returncode == 0, out.stderr
    assert got == json.loads(out.stdout)
    assert got["basis"] == "reference" and 0 <= got["score"] <= 5 and got["engine"] == scorer.version


def test_score_with_a_rubric_and_rendered(scorer):
    got = scorer.score("What is the difference between state and props?", STATE_PROPS_A, rubric=STATE_PROPS)
    assert got["basis"] == "rubric" and got["rubric"]["id"] == "react-frontend"
    assert got["covered"], got
    md = scorer.score("What is the difference between state and props?", STATE_PROPS_A, rubric=STATE_PROPS, format="md")
    assert isinstance(md, str) and str(got["score"]) in md
    html = scorer.score("q?", "<script>alert(1)</script> props are read-only", rubric=STATE_PROPS, format="html")
    assert "<script>" not in html
    with pytest.raises(ValueError, match='format: expected "json", "md", "text" or "html"'):
        scorer.score("q", "a", format="pdf")


def test_evidence_offsets_are_code_points(scorer):
    got = scorer.score("What is the difference between state and props?", STATE_PROPS_A, rubric=STATE_PROPS)
    assert got["evidence"], "the answer should quote evidence"
    for e in got["evidence"]:
        assert STATE_PROPS_A[e["start"] : e["end"]] == e["text"], e
    # The CLI's offsets are UTF-8 bytes into the same answer: the same spans, another unit.
    out = json.loads(cli("score", "--question", "What is the difference between state and props?",
                         "--rubric", STATE_PROPS, stdin=STATE_PROPS_A).stdout)
    raw = STATE_PROPS_A.encode()
    assert [raw[e["start"] : e["end"]].decode() for e in out["evidence"]] == [e["text"] for e in got["evidence"]]
    assert any(e["start"] != c["start"] for e, c in zip(got["evidence"], out["evidence"]))


def test_results_are_deterministic(scorer):
    one = scorer.score(INDEX_Q, INDEX_A, reference=INDEX_KEY)
    assert all(rubricate.Scorer().score(INDEX_Q, INDEX_A, reference=INDEX_KEY) == one for _ in range(3))


def test_bad_input_raises_value_error_with_the_clis_message(scorer):
    with pytest.raises(ValueError) as e:
        scorer.score("q", "a", rubric="no-such-rubric")
    out = cli("score", "--question", "q", "--rubric", "no-such-rubric", stdin="a")
    assert out.returncode == 2
    assert str(e.value).split(": ", 1)[1] in out.stderr.decode()
    with pytest.raises(ValueError, match="1 MiB|too large|limit"):
        scorer.score("q", "x" * (1 << 20 + 1))
    with pytest.raises(TypeError):
        scorer.score("q", 42)


def test_score_many_is_batch_in_order(scorer):
    records = [
        {"id": "a", "question": INDEX_Q, "answer": INDEX_A, "reference": INDEX_KEY},
        {"id": "b", "question": "What is the difference between state and props?", "answer": STATE_PROPS_A,
         "rubric": STATE_PROPS},
        {"question": "How do you keep a deployment safe to roll back?",
         "answer": "Backwards-compatible migrations first, the code behind a flag, the old build kept ready."},
        {"id": "d", "question": "Tell me about a time you disagreed with a teammate.", "answer": "I don't know."},
    ]
    records = records * 40
    got = scorer.score_many(records, jobs=2)
    assert len(got) == len(records)
    assert [g.get("id") for g in got] == [r.get("id") for r in records]
    assert got == scorer.score_many(records, jobs=1) == scorer.score_many(iter(records))
    for g, r in zip(got[:3], records):
        one = scorer.score(r["question"], r["answer"], r.get("reference"), r.get("rubric"))
        assert g == dict(one, id=r.get("id")) if r.get("id") else g == one
    ascii = [i for i, r in enumerate(records[:4]) if r["answer"].isascii()]  # byte offsets = code points
    out = cli("batch", stdin="\n".join(json.dumps(records[i]) for i in ascii))
    assert [json.loads(l) for l in out.stdout.decode().splitlines()] == [got[i] for i in ascii]
    assert scorer.score_many([]) == []


def test_score_many_errors(scorer):
    good = {"id": "g", "question": INDEX_Q, "answer": INDEX_A}
    with pytest.raises(ValueError, match=r'^records\[1\]: missing field "answer"$'):
        scorer.score_many([good, {"id": "x", "question": "q"}])
    with pytest.raises(ValueError, match=r"^records\[0\]: expected a dict, found list$"):
        scorer.score_many([["q", "a"]])
    with pytest.raises(ValueError, match=r'^records\[0\]: field "id" must be a string, found a number$'):
        scorer.score_many([dict(good, id=7)])
    with pytest.raises(ValueError, match=r"^records\[1\]: rubric: "):
        scorer.score_many([good, dict(good, rubric="nope")])
    with pytest.raises(ValueError, match=r'errors: expected "raise" or "return"'):
        scorer.score_many([good], errors="ignore")
    nested = {}
    cur = nested
    for _ in range(100):
        cur["x"] = {}
        cur = cur["x"]
    with pytest.raises(ValueError, match="nested more than"):
        scorer.score_many([dict(good, extra=nested)])
    got = scorer.score_many([good, {"id": "x", "question": "q"}, dict(good, id="r", rubric="nope"), 5], errors="return")
    assert got[0]["id"] == "g" and "score" in got[0]
    assert got[1] == {"id": "x", "error": 'records[1]: missing field "answer"'}
    assert got[2]["id"] == "r" and got[2]["error"].startswith("records[2]: rubric: ")
    assert got[3] == {"id": None, "error": "records[3]: expected a dict, found int"}
    # The CLI says the same of the same record, naming its line instead.
    out = cli("batch", stdin=json.dumps({"id": "x", "question": "q"}))
    assert json.loads(out.stdout)["error"] == 'line 1: missing field "answer"'


def test_missing_values_from_pandas_are_absent(scorer):
    plain = scorer.score_many([{"question": INDEX_Q, "answer": INDEX_A}])[0]
    assert scorer.score_many([{"question": INDEX_Q, "answer": INDEX_A, "reference": math.nan, "id": None}])[0] == plain


def test_score_many_releases_the_gil(scorer):
    records = [{"question": INDEX_Q, "answer": INDEX_A * 4, "reference": INDEX_KEY}] * 3000
    done = threading.Event()
    worker = threading.Thread(target=lambda: (scorer.score_many(records, jobs=1), done.set()))
    ticks = 0
    worker.start()
    while not done.is_set():
        ticks += 1
        time.sleep(0)
    worker.join()
    # Were the GIL held while grading, this thread could not run until the batch ended.
    assert ticks > 100, ticks


def test_report(scorer):
    text = (FIXTURES / "transcripts" / "dialogue.txt").read_text()
    got = scorer.report(text)
    out = cli("report", str(FIXTURES / "transcripts" / "dialogue.txt"))
    assert text.isascii(), "an ASCII transcript: byte and code-point offsets agree"
    assert got == json.loads(out.stdout)
    assert got["candidates"] and "overall" in got["candidates"][0]
    for q in (q for c in got["candidates"] for q in c["questions"]):
        for e in q.get("evidence", []):
            assert q["answer"][e["start"] : e["end"]] == e["text"]
    md = scorer.report(text, format="md")
    assert md.startswith("# Interview report") and got["engine"] in md
    with pytest.raises(ValueError, match="^rubric: "):
        scorer.report(text, rubric="nope")


def test_rubrics_and_custom_rubrics():
    s = rubricate.Scorer()
    listed = s.rubrics()
    out = json.loads(cli("rubrics").stdout)
    assert len(listed) >= 12 and all({"id", "title", "questions"} <= set(r) for r in listed)
    assert listed == out
    full = s.rubric("react-frontend")
    assert full["id"] == "react-frontend" and full["questions"]
    with pytest.raises(ValueError, match="no rubric with id"):
        s.rubric("nope")

    custom = (FIXTURES / "rubrics" / "good-custom.json").read_text()
    summary = s.add_rubric(custom)
    assert summary["id"] == json.loads(custom)["id"]
    assert len(s.rubrics()) == len(listed) + 1
    s.add_rubric(custom)  # the same id again replaces it
    assert len(s.rubrics()) == len(listed) + 1

    with pytest.raises(rubricate.RubricError) as e:
        s.add_rubric((FIXTURES / "rubrics" / "bad.json").read_text())
    assert isinstance(e.value, ValueError)
    assert e.value.problems and all({"path", "problem"} == set(p) for p in e.value.problems)
    assert all(p["path"].startswith("$") for p in e.value.problems)
    with pytest.raises(rubricate.RubricError, match="invalid rubric"):
        s.add_rubric((FIXTURES / "rubrics" / "syntax-error.json").read_text())

    question = json.loads(custom)["questions"][0]
    name = f"{summary['id']}/{question['id']}"
    graded = s.score(question["text"], question.get("reference", "an answer"), rubric=name)
    assert graded["rubric"]["id"] == summary["id"]

    # A pickled Scorer carries its custom rubrics (how Spark, Ray and multiprocessing ship it).
    clone = pickle.loads(pickle.dumps(s))
    assert clone.rubrics() == s.rubrics()
    assert clone.score(question["text"], "anything", rubric=name) == s.score(question["text"], "anything", rubric=name)
    assert rubricate.Scorer(rubrics=[custom]).rubrics() == s.rubrics()
