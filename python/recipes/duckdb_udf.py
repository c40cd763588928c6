"""Grade a Parquet file of answers inside DuckDB with a vectorised Python UDF.

    python duckdb_udf.py answers.parquet [graded.parquet]

The Parquet file has columns id, question, answer and reference (a model answer; may be null). Each
batch of rows DuckDB hands the UDF (Arrow arrays) is graded with one `score_many` call, on every core
with the GIL released; the UDF returns the score, and `rubricate_result` the whole scored answer as
JSON, so SQL can pick fields out of it (`json_extract`).
"""

import json
import sys

import duckdb
import pyarrow as pa

import rubricate

SCORER = rubricate.Scorer()


def _records(question, answer, reference):
    return [
        {"question": q, "answer": a, "reference": r}
        for q, a, r in zip(question.to_pylist(), answer.to_pylist(), reference.to_pylist())
    ]


def _score(question, answer, reference):
    graded = SCORER.score_many(_records(question, answer, reference), errors="return")
    return pa.array([g.get("score") for g in graded], type=pa.float64())


def _result(question, answer, reference):
    graded = SCORER.score_many(_records(question, answer, reference), errors="return")
    return pa.array([json.dumps(g, ensure_ascii=False) for g in graded], type=pa.string())


def connect() -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with rubricate_score(question, answer, reference) -> DOUBLE and
    rubricate_result(question, answer, reference) -> VARCHAR (the scored answer's JSON)."""
    con = duckdb.connect()
    args = [duckdb.sqltype("VARCHAR")] * 3
    con.create_function("rubricate_score", _score, args, duckdb.sqltype("DOUBLE"), type="arrow",
                        null_handling="special")
    con.create_function("rubricate_result", _result, args, duckdb.sqltype("VARCHAR"), type="arrow",
                        null_handling="special")
    return con


def grade(parquet_in: str, parquet_out: str = None):
    con = connect()
    query = f"""
        SELECT id, rubricate_score(question, answer, reference) AS score,
               json_extract_string(rubricate_result(question, answer, reference), '$.justification') AS justification
        FROM read_parquet('{parquet_in}') ORDER BY id"""
    if parquet_out:
        con.execute(f"COPY ({query}) TO '{parquet_out}' (FORMAT parquet)")
    return con.execute(query).fetchall()


if __name__ == "__main__":
    for row in grade(*sys.argv[1:3]):
        print(row)
