// The page's shared state, in one object with every field declared here: what the engine loaded,
// what the user last graded, and what the exports and the transcript worker need. Modules read and
// write these fields; no other module keeps state that another one reads.

/** @typedef {import("./pkg/rubricate.js").RubricSummary} RubricSummary */
/** @typedef {import("./pkg/rubricate.js").ScoreInput} ScoreInput */
/** @typedef {import("./pkg/rubricate.js").ScoredAnswer} ScoredAnswer */
/** @typedef {import("./pkg/rubricate.js").Report} Report */
/** @typedef {import("./pkg/rubricate_tools.js").Rubric} Rubric */
/** @typedef {import("./pkg/accurate.js").Accurate} Accurate */

export const state = {
  /** Every rubric the scorer has (bundled, then custom), as the pickers list them. @type {RubricSummary[]} */
  rubricList: [],
  /** JSON texts of the rubrics the user loaded or drafted, for the transcript worker. @type {string[]} */
  customRubrics: [],
  /** The bytes of the optional semantic model once the page's scorer has loaded it. @type {Uint8Array | null} */
  embeddingsModel: null,
  /** Accurate mode's sentence encoder while accurate mode is on, else null (accurate.js). @type {Accurate | null} */
  accurate: null,
  /** The last graded answer (for "Download JSON"), or null. @type {{ request: ScoreInput, result: ScoredAnswer } | null} */
  lastScored: null,
  /** The last transcript report (for its downloads), or null. @type {Report | null} */
  lastReport: null,
  /** The rubric last drafted from a model answer (for its download), or null. @type {Rubric | null} */
  drafted: null,
};
