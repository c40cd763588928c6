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

impl RubricError {
    /// One line for a rubric from `source` (a file name, `stdin`) that failed validation, where only
    /// one line is wanted: the first problem, and how to see the rest.
    pub fn one_line(&self, source: &str) -> String {
        let n = self.problems.len();
        match self.problems.first() {
            Some(first) if n == 1 => format!("{source}: invalid rubric: {} ({})", first.problem, first.path),
            Some(first) => format!(
                "{source}: invalid rubric, {n} problems; the first: {} ({}); `rubricate check-rubric {source}` lists them all",
                first.problem, first.path
            ),
            None => format!("{source}: invalid rubric"),
        }
    }

    /// One line for a rubric in another format (`format`: "Canvas", "Prometheus", …) that could not
    /// be read: the first problem and how many more there are.
    pub fn one_line_as(&self, source: &str, format: &str) -> String {
        let n = self.problems.len();
        match self.problems.first() {
            Some(first) if n == 1 => {
                format!("{source}: not a valid {format} rubric: {} ({})", first.problem, first.path)
            }
            Some(first) => format!(
                "{source}: not a valid {format} rubric: {} ({}), and {} more problem{}",
                first.problem,
                first.path,
                n - 1,
                if n == 2 { "" } else { "s" }
            ),
            None => format!("{source}: not a valid {format} rubric"),
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rubric_errors_on_one_line() {
        let one = RubricError::one("$.id", "is empty");
        assert_eq!(one.one_line("r.json"), "r.json: invalid rubric: is empty ($.id)");
        assert_eq!(one.one_line_as("c.json", "Canvas"), "c.json: not a valid Canvas rubric: is empty ($.id)");
        let mut two = one.clone();
        two.problems.push(RubricProblem { path: "$.version".into(), problem: "is missing".into() });
        assert_eq!(
            two.one_line("r.json"),
            "r.json: invalid rubric, 2 problems; the first: is empty ($.id); `rubricate check-rubric r.json` lists them all"
        );
        assert_eq!(two.one_line_as("-", "Canvas"), "-: not a valid Canvas rubric: is empty ($.id), and 1 more problem");
    }
}
