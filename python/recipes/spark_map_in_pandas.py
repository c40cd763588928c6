"""Grade a DataFrame of answers with PySpark `mapInPandas`.

    python spark_map_in_pandas.py answers.parquet

Each partition's rows arrive on an executor as pandas DataFrames; each is graded with one
`score_many` call (the GIL released, every core of the executor's slot). The Scorer is built once per
Python worker (module global), or shipped pickled with its custom rubrics.
"""

import os
import sys

import pandas as pd
from pyspark.sql import SparkSession

import rubricate

SCHEMA = "id string, score double, grade int, basis string, justification string, error string"
_SCORER = None


def _scorer():
    global _SCORER
    if _SCORER is None:
        _SCORER = rubricate.Scorer()
    return _SCORER


def grade_batches(batches):
    """mapInPandas function: DataFrames with id, question, answer, reference -> SCHEMA."""
    for df in batches:
        records = df[["id", "question", "answer", "reference"]].to_dict("records")
        graded = _scorer().score_many(records, jobs=1, errors="return")  # Spark runs one task per core
        yield pd.DataFrame(
            {
                "id": [r["id"] for r in records],
                "score": [g.get("score") for g in graded],
                "grade": pd.array([g.get("grade") for g in graded], dtype="Int32"),
                "basis": [g.get("basis") for g in graded],
                "justification": [g.get("justification") for g in graded],
                "error": [g.get("error") for g in graded],
            }
        )


def session(app="rubricate") -> SparkSession:
    # The workers run this interpreter (the venv where rubricate and pandas are installed).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    return (
        SparkSession.builder.master("local[2]").appName(app)
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
        .getOrCreate()
    )


def grade(spark: SparkSession, df):
    # The executors' Python workers import this module to find grade_batches: ship it to them.
    spark.sparkContext.addPyFile(__file__)
    return df.mapInPandas(grade_batches, schema=SCHEMA)


if __name__ == "__main__":
    spark = session()
    grade(spark, spark.read.parquet(sys.argv[1])).orderBy("id").show(truncate=60)
    spark.stop()
