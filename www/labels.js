// The label strings of the engine's output that the page matches on, in one place: when an enum of
// the engine (src/) changes, this is the one file of the page to edit. Strings the page only shows
// (a flag's or a signal's name, humanized) or puts into a class name as they are need no entry.

/** An evidence span's `point` starts with this when it marks a struggle (hedge, gap, deflection). */
export const STRUGGLE_PREFIX = "struggle:";

/**
 * An evidence span's `point` starts with this when the span states one of the rubric's common wrong
 * claims (`misconception: <claim>`); the page labels its own marks of ScoredAnswer.misconceptions so too.
 */
export const MISCONCEPTION_PREFIX = "misconception:";

/** Evidence `point` prefixes of the signals (specifics, reasons, STAR, structure), before a colon. */
export const SIGNAL_EVIDENCE_KINDS = ["specific", "reasoning", "STAR", "structure"];

/** Matches an evidence `point` naming one of SIGNAL_EVIDENCE_KINDS (in any case). */
export const SIGNAL_EVIDENCE = new RegExp(`^(${SIGNAL_EVIDENCE_KINDS.join("|")}):`, "i");

/** Names of ScoredAnswer.signals the page treats specially. */
export const SIGNAL = /** @type {const} */ ({
  /** Hedges and admitted gaps. */
  hedging: "hedging",
  /** The question's own words repeated. */
  echo: "echo",
});

/** Signals where more is worse: shown with an inverted bar and "lower is better". */
/** @type {ReadonlySet<string>} */
export const INVERSE_SIGNALS = new Set([SIGNAL.hedging, SIGNAL.echo]);

/** The flag on a transcript's small talk, logistics and closing: shown, never graded. */
export const NOT_GRADED = "not-graded";

/** ScoredAnswer.basis: what an answer was graded against. */
export const BASIS = /** @type {const} */ ({
  rubric: "rubric",
  reference: "reference",
  question: "question",
});

/**
 * Badges the page adds from ScoredAnswer's booleans, ahead of the engine's own `flags`
 * (e.g. "hedging", "non-answer"). Each is a class name too: flag-insufficient, flag-struggled.
 */
export const STATUS_FLAGS = /** @type {const} */ ([
  ["insufficient", "Too little to grade"],
  ["struggled", "Struggled"],
]);

/** The rubric formats of the rubric tools (RubricFormatName), with the names the page shows. */
export const RUBRIC_FORMATS = /** @type {const} */ ({
  rubricate: "Rubricate",
  canvas: "Canvas LMS",
  prometheus: "Prometheus",
});

/** The page's own format: a rubric read in it needs no "(… format)" note. */
export const NATIVE_FORMAT = "rubricate";

/** The rubric tools' "tell the format from the document" value (RubricFormatIn). */
export const AUTO_FORMAT = "auto";
