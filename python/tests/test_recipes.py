"""The three data-engine recipes (python/recipes/) on a small local run each: DuckDB over a Parquet
file, PySpark mapInPandas (local[2]), Ray Data map_batches (2 CPUs). Each must give, row for row,
what score_many gives for the same records. `make test` installs the engines (pinned) and sets
RUBRICATE_RECIPES=require, so a missing engine fails instead of skipping."""

import importlib
import math
import os
import sys
from pathlib import Path

import pytest

import rubricate

RECIPES = Path(__file__).resolve().parents[1] / "recipes"
sys.path.insert(0, str(RECIPES))

KEY_TCP = "TCP gives a reliable, ordered byte stream: it numbers segments, acknowledges them and retransmits lost ones."
RECORDS = [
    {"id": "r1", "question": "What does TCP guarantee?", "reference": KEY_TCP,
     "answer": "Delivery in order and without loss: segments carry sequence numbers, the receiver acks them, and "
               "anything not acknowledged is sent again."},
    {"id": "r2", "question": "What does TCP guarantee?", "reference": KEY_TCP,
     "answer": "TCP is faster than UDP because it skips the handshake."},
    {"id": "r3", "question": "What is the difference between state and props in React?", "reference": None,
     "answer": "Props come from the parent and are read-only in the child; state belongs to the component, "
               "changes through its setter and triggers a re-render."},
    {"id": "r4", "question": "Describe a time you handled a production incident.", "reference": None,
     "answer": "Our checkout error rate jumped to 12 % after a deploy at 6 pm. I was on call, so I rolled the "
               "release back within ten minutes, then found a missing database index in the new query, added "
               "it with a migration and wrote a load test so it cannot slip through again."},
    {"id": "r5", "question": "What does TCP guarantee?", "reference": KEY_TCP, "answer": None},  # refused: no answer
]


def engine(name):
    if os.environ.get("RUBRICATE_RECIPES") == "require":
        return importlib.import_module(name)
    return pytest.importorskip(name)


@pytest.fixture(scope="module")
def expected():
    graded = rubricate.Scorer().score_many(RECORDS, errors="return")
    return {r["id"]: g for r, g in zip(RECORDS, graded)}


@pytest.fixture(scope="module")
def parquet(tmp_path_factory):
    pd = engine("pandas")
    engine("pyarrow")
    path = tmp_path_factory.mktemp("answers") / "answers.parquet"
    pd.DataFrame(RECORDS).to_parquet(path)
    return str(path)


def same(a, b):
    return (a is None and b is None) or (a is not None and b is not None and math.isclose(a, b))


def test_duckdb_udf(parquet, expected, tmp_path):
    engine("duckdb")
    recipe = importlib.import_module("duckdb_udf")
    out = tmp_path / "graded.parquet"
    rows = recipe.grade(parquet, str(out))
    assert [r[0] for r in rows] == sorted(expected)
    for id_, score, justification in rows:
        assert same(score, expected[id_].get("score")), id_
        assert justification == expected[id_].get("justification")
    assert expected["r5"]["error"].endswith("missing field \"answer\"") and rows[-1][1] is None  # refused, row kept
    assert out.exists() and engine("pandas").read_parquet(out).shape == (len(RECORDS), 3)


def test_spark_map_in_pandas(parquet, expected):
    engine("pyspark")
    recipe = importlib.import_module("spark_map_in_pandas")
    spark = recipe.session("rubricate-test")
    try:
        rows = recipe.grade(spark, spark.read.parquet(parquet)).orderBy("id").collect()
    finally:
        spark.stop()
    assert [r["id"] for r in rows] == sorted(expected)
    for r in rows:
        e = expected[r["id"]]
        assert same(r["score"], e.get("score")) and r["grade"] == e.get("grade"), r
        assert r["justification"] == e.get("justification") and r["error"] == e.get("error")


def test_ray_map_batches(parquet, expected):
    ray = engine("ray")
    recipe = importlib.import_module("ray_map_batches")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        rows = recipe.grade(ray.data.read_parquet(parquet)).sort("id").take_all()
    finally:
        ray.shutdown()
    assert [r["id"] for r in rows] == sorted(expected)
    for r in rows:
        e = expected[r["id"]]
        assert same(r["score"], e.get("score")) and r["justification"] == e.get("justification"), r
