//! Errors at the crate's boundaries: bad input text and bad rubrics, each rendered as one clear line.

use std::fmt;

/// Something wrong with a text, file or request a user gave us.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// Where the problem is: a field name, `line 3`, `byte 1042`, … (may be empty).
    pub location: String,
    /// What is wrong, in plain words.
    pub problem: String,
}

impl InputError {
    pub fn new(location: impl Into<String>, problem: impl Into<String>) -> Self {
        InputError { location: location.into(), problem: problem.into() }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.location.is_empty() {
            write!(f, "{}", self.problem)
        } else {
            write!(f, "{}: {}", self.location, self.problem)
        }
    }
}

impl std::error::Error for InputError {}

/// One problem in a rubric, with the JSON path where it was found (e.g. `$.questions[2].points[0].weight`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RubricProblem {
    pub path: String,
    pub problem: String,
}

impl fmt::Display for RubricProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.problem)
    }
}

/// Every problem found in a rubric (never empty when returned as an error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RubricError {
    pub problems: Vec<RubricProblem>,
}

impl RubricError {
    pub fn one(path: impl Into<String>, problem: impl Into<String>) -> Self {
        RubricError { problems: vec![RubricProblem { path: path.into(), problem: problem.into() }] }
    }
}

impl fmt::Display for RubricError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        write!(f, "invalid rubric ({} problem{})", n, if n == 1 { "" } else { "s" })?;
        for p in &self.problems {
            write!(f, "\n  {}", p)?;
        }
        Ok(())
    }
}

impl std::error::Error for RubricError {}
