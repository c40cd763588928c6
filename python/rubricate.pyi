"""Type stubs for the rubricate module (the Rust engine through PyO3). Fields follow the JSON of
`rubricate score` and `rubricate report`; see the project's CONTRACT for every field."""

from typing import Any, Dict, Iterable, List, Literal, Mapping, Optional, TypedDict, Union, overload

__version__: str
ENGINE_VERSION: str

class RubricProblem(TypedDict):
    path: str
    problem: str

class RubricError(ValueError):
    """A rubric that cannot be loaded; `problems` lists each problem with its JSON path."""
    problems: List[RubricProblem]

class Evidence(TypedDict):
    start: int  # code-point offset into the answer: answer[start:end] == text
    end: int
    text: str
    point: str

class RubricRef(TypedDict, total=False):
    id: str
    version: str
    question: str
    selected: bool
    confidence: float

class ScoredAnswer(TypedDict, total=False):
    id: Optional[str]
    score: float
    grade: int
    relevance: float
    struggled: bool
    insufficient: bool
    justification: str
    evidence: List[Evidence]
    covered: List[str]
    missing: List[str]
    next_step: str
    signals: Dict[str, float]
    rubric: RubricRef
    basis: Literal["rubric", "reference", "question"]
    flags: List[str]
    engine: str
    misconceptions: List[Dict[str, Any]]

class BatchError(TypedDict):
    id: Optional[str]
    error: str

class QuestionSummary(TypedDict):
    id: str
    text: str
    kind: str

class RubricSummary(TypedDict):
    id: str
    title: str
    version: str
    role: str
    questions: List[QuestionSummary]

Record = Mapping[str, Any]
Format = Literal["json", "md", "markdown", "text", "txt", "html"]

class Scorer:
    """A grader with the bundled rubrics, plus any custom rubrics (JSON text) given or added."""

    def __init__(self, rubrics: Optional[List[str]] = None) -> None: ...
    @property
    def version(self) -> str: ...
    @overload
    def score(
        self,
        question: str,
        answer: str,
        reference: Optional[str] = None,
        rubric: Optional[str] = None,
        format: Literal["json"] = "json",
    ) -> ScoredAnswer: ...
    @overload
    def score(
        self,
        question: str,
        answer: str,
        reference: Optional[str] = None,
        rubric: Optional[str] = None,
        *,
        format: Literal["md", "markdown", "text", "txt", "html"],
    ) -> str: ...
    @overload
    def score_many(
        self, records: Iterable[Record], jobs: int = 0, errors: Literal["raise"] = "raise"
    ) -> List[ScoredAnswer]: ...
    @overload
    def score_many(
        self, records: Iterable[Record], jobs: int = 0, *, errors: Literal["return"]
    ) -> List[Union[ScoredAnswer, BatchError]]: ...
    @overload
    def report(
        self,
        text: str,
        rubric: Optional[str] = None,
        question: Optional[str] = None,
        format: Literal["json"] = "json",
    ) -> Dict[str, Any]: ...
    @overload
    def report(
        self,
        text: str,
        rubric: Optional[str] = None,
        question: Optional[str] = None,
        *,
        format: Literal["md", "markdown", "text", "txt", "html"],
    ) -> str: ...
    def rubrics(self) -> List[RubricSummary]: ...
    def rubric(self, id: str) -> Dict[str, Any]: ...
    def add_rubric(self, json_text: str) -> RubricSummary: ...
