"""Grade a dataset of answers with Ray Data `map_batches`.

    python ray_map_batches.py answers.parquet

A class-based UDF builds one Scorer per actor; each batch (a pandas DataFrame) is graded with one
`score_many` call.
"""

import sys

import pandas as pd
import ray

import rubricate


class Grade:
    def __init__(self):
        self.scorer = rubricate.Scorer()

    def __call__(self, batch: pd.DataFrame) -> pd.DataFrame:
        records = batch[["id", "question", "answer", "reference"]].to_dict("records")
        graded = self.scorer.score_many(records, errors="return")
        return pd.DataFrame(
            {
                "id": batch["id"].tolist(),
                "score": [g.get("score") for g in graded],
                "basis": [g.get("basis") for g in graded],
                "justification": [g.get("justification") for g in graded],
                "error": [g.get("error") for g in graded],
            }
        )


def grade(ds: "ray.data.Dataset") -> "ray.data.Dataset":
    # The actors get Grade pickled by value, so this module need not be importable on the workers.
    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])
    return ds.map_batches(Grade, batch_format="pandas", batch_size=256, concurrency=1)


if __name__ == "__main__":
    ray.init(num_cpus=2, include_dashboard=False)
    for row in grade(ray.data.read_parquet(sys.argv[1])).sort("id").take_all():
        print(row)
    ray.shutdown()
