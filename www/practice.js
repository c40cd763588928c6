// Practice mode: pick a role (a bundled or loaded rubric), answer its questions one at a time (in
// order or shuffled, with an optional timer that only shows the time spent), get feedback after
// each answer (graded against that rubric question by the page's scorer), then a session summary
// (score per question, strongest and weakest talking points, what to practise next) to download as
// Markdown or print. Finished sessions go to the opt-in history (history.js) when it is on.

import { $, countWords, download, el, field, message } from "./dom.js";
import { ready, withRubrics } from "./engine.js";
import { allSessions, deleteHistory, historyCharts, historyExists, isEnabled, saveSession, setEnabled, DB_NAME } from "./history.js";
import { fillList, flagBadges, renderHighlighted } from "./render.js";
import { state } from "./state.js";

/** @typedef {import("./pkg/rubricate.js").RubricSummary} RubricSummary */
/** @typedef {import("./pkg/rubricate.js").QuestionSummary} QuestionSummary */
/** @typedef {import("./pkg/rubricate.js").ScoredAnswer} ScoredAnswer */
/** @typedef {import("./history.js").SessionRecord} SessionRecord */

/**
 * One answered question of the session.
 * @typedef {{ question: QuestionSummary, answer: string, result: ScoredAnswer, seconds: number }} Answered
 */

/**
 * The session under way (or just finished), or null before the first one.
 * @type {{ rubric: RubricSummary, order: QuestionSummary[], index: number, answered: Answered[], timer: boolean, started: number, finished: boolean, date: Date } | null}
 */
let session = null;

/** The ticking timer's interval, while a question is open with the timer on. @type {ReturnType<typeof setInterval> | undefined} */
let ticker;

/** Sessions, scores and points listed in the summary, at most this many each. */
const TOP = 5;

/** "0:07", "12:30". @param {number} seconds */
function clock(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** The rubric picked in the role select, if it still exists. */
function pickedRubric() {
  const id = field("practice-role").value;
  return state.rubricList.find((r) => r.id === id && r.questions.length) ?? null;
}

/** Lists every rubric with questions (bundled, then loaded) in the role select; keeps the choice. */
export function fillRoles() {
  const select = $("practice-role", HTMLSelectElement);
  const previous = select.value;
  const rubrics = state.rubricList.filter((r) => r.questions.length);
  select.replaceChildren(
    ...rubrics.map((r) => {
      const o = el("option", "", r.title === r.role ? r.role : `${r.role}: ${r.title}`);
      o.value = r.id;
      return o;
    }),
  );
  if (rubrics.some((r) => r.id === previous)) select.value = previous;
  $("practice-start", HTMLButtonElement).disabled = !rubrics.length;
  showRoleNote();
}

function showRoleNote() {
  const r = pickedRubric();
  $("practice-role-note").textContent = r ? `${r.questions.length} question${r.questions.length === 1 ? "" : "s"} from the ${r.title} rubric, version ${r.version}.` : "";
}

/**
 * A copy of `items` in random order (Fisher–Yates).
 * @template T
 * @param {T[]} items
 * @returns {T[]}
 */
function shuffled(items) {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Starts a session with the picked role's questions. */
function start() {
  const rubric = pickedRubric();
  if (!rubric) return;
  const shuffle = $("practice-shuffle", HTMLInputElement).checked;
  session = {
    rubric,
    order: shuffle ? shuffled(rubric.questions) : [...rubric.questions],
    index: 0,
    answered: [],
    timer: $("practice-timer-toggle", HTMLInputElement).checked,
    started: 0,
    finished: false,
    date: new Date(),
  };
  $("practice-setup").hidden = true;
  $("practice-summary").hidden = true;
  $("practice-run").hidden = false;
  showQuestion();
}

/** Shows the session's current question, empties the answer and the feedback, focuses the answer box. */
function showQuestion() {
  if (!session) return;
  const q = session.order[session.index];
  $("practice-progress").textContent = `${session.rubric.role} · question ${session.index + 1} of ${session.order.length}`;
  $("practice-question").textContent = q.text;
  const answer = $("practice-answer", HTMLTextAreaElement);
  answer.value = "";
  answer.readOnly = false;
  $("practice-answer-count").textContent = countWords("");
  $("practice-submit", HTMLButtonElement).disabled = false;
  $("practice-error").hidden = true;
  $("practice-feedback").hidden = true;
  $("practice-live").textContent = "Answer the question, then submit it for feedback.";
  session.started = performance.now();
  $("practice-timer").hidden = !session.timer;
  $("practice-elapsed").textContent = clock(0);
  clearInterval(ticker);
  if (session.timer) {
    ticker = setInterval(() => {
      if (session) $("practice-elapsed").textContent = clock((performance.now() - session.started) / 1000);
    }, 1000);
  }
  // Straight to the answer box, ready to type: its description reads the question out first.
  answer.focus();
}

/** Grades the answer to the current question and shows the feedback. */
async function submit() {
  if (!session || session.finished) return;
  const q = session.order[session.index];
  const answerBox = $("practice-answer", HTMLTextAreaElement);
  const answer = answerBox.value;
  const error = $("practice-error");
  if (!answer.trim()) {
    error.hidden = false;
    error.textContent = "Write an answer first (or choose Finish to end the session).";
    answerBox.focus();
    return;
  }
  let result;
  try {
    const scorer = await ready;
    const rubric = `${session.rubric.id}/${q.id}`;
    result = await withRubrics(() => scorer.score({ question: q.text, answer, rubric }));
  } catch (err) {
    error.hidden = false;
    error.textContent = `This answer could not be graded: ${message(err)}`;
    return;
  }
  clearInterval(ticker);
  const seconds = (performance.now() - session.started) / 1000;
  $("practice-elapsed").textContent = clock(seconds);
  error.hidden = true;
  session.answered.push({ question: q, answer, result, seconds });
  answerBox.readOnly = true;
  $("practice-submit", HTMLButtonElement).disabled = true;
  showFeedback(answer, result);
  const last = session.index + 1 >= session.order.length;
  $("practice-next").textContent = last ? "See the session summary" : "Next question";
  $("practice-feedback-heading").focus();
}

/**
 * @param {string} answer
 * @param {ScoredAnswer} r
 */
function showFeedback(answer, r) {
  const score = Number(r.score);
  $("practice-score").textContent = score.toFixed(1);
  $("practice-grade").textContent = `Grade ${r.grade} of 5`;
  $("practice-flags").replaceChildren(...flagBadges(r));
  $("practice-justification").textContent = r.justification;
  $("practice-next-step").hidden = !r.next_step;
  $("practice-next-step-text").textContent = r.next_step ?? "";
  fillList($("practice-covered"), r.covered ?? [], "None of the rubric’s points yet.");
  fillList($("practice-missing"), r.missing ?? [], "Nothing missing.");
  renderHighlighted($("practice-evidence"), answer, r.evidence, r.misconceptions ?? []);
  $("practice-feedback").hidden = false;
  const missing = r.missing?.length ?? 0;
  $("practice-live").textContent =
    `Score ${score.toFixed(1)} out of 5, grade ${r.grade}. ${r.covered?.length ?? 0} talking points covered, ${missing} missing.` +
    (r.next_step ? ` Next step: ${r.next_step}` : "");
}

/** Moves on to the next question, or to the summary after the last one. */
function next() {
  if (!session) return;
  if (session.index + 1 >= session.order.length) {
    finish();
    return;
  }
  session.index += 1;
  showQuestion();
}

/**
 * What the summary says, computed from the answers: the strongest points (covered in the
 * best-scored answers), the weakest (missed most often, then missed in the lowest-scored answers),
 * and what to practise next.
 * @param {Answered[]} answered
 * @param {number} total questions in the session
 */
export function summarize(answered, total) {
  const byScore = [...answered].sort((a, b) => Number(b.result.score) - Number(a.result.score));
  /** @type {string[]} */
  const strongest = [];
  for (const a of byScore) {
    for (const p of a.result.covered ?? []) if (!strongest.includes(p) && strongest.length < TOP) strongest.push(p);
  }
  /** @type {Map<string, { count: number, worst: number }>} */
  const missed = new Map();
  for (const a of answered) {
    for (const p of a.result.missing ?? []) {
      const m = missed.get(p) ?? { count: 0, worst: 5 };
      m.count += 1;
      m.worst = Math.min(m.worst, Number(a.result.score));
      missed.set(p, m);
    }
  }
  const weakest = [...missed]
    .sort((a, b) => b[1].count - a[1].count || a[1].worst - b[1].worst)
    .slice(0, TOP)
    .map(([p]) => p);
  /** @type {string[]} */
  const todo = [];
  for (const a of [...byScore].reverse()) {
    if (todo.length >= 3) break;
    if (Number(a.result.score) >= 4) continue;
    todo.push(`Answer again: “${a.question.text}” (scored ${Number(a.result.score).toFixed(1)}).${a.result.next_step ? ` ${a.result.next_step}` : ""}`);
  }
  if (weakest.length) todo.push(`Work on: ${weakest.slice(0, 3).join("; ")}.`);
  if (answered.length < total) todo.push(`Answer the ${total - answered.length} question${total - answered.length === 1 ? "" : "s"} this session did not reach.`);
  if (!todo.length) todo.push(answered.length ? "Every answer scored 4 or more: try another role, or shuffle the questions and time yourself." : "Answer at least one question.");
  const mean = answered.length ? answered.reduce((s, a) => s + Number(a.result.score), 0) / answered.length : 0;
  return { strongest, weakest, todo, mean };
}

/** Ends the session (after the last question, or on "Finish"): the summary, and history if on. */
async function finish() {
  if (!session) return;
  clearInterval(ticker);
  session.finished = true;
  $("practice-run").hidden = true;
  showSummary();
  $("practice-summary-heading").focus();
  if (session.answered.length && $("history-toggle", HTMLInputElement).checked) {
    /** @type {SessionRecord} */
    const record = {
      role: session.rubric.role,
      rubric: session.rubric.id,
      title: session.rubric.title,
      date: session.date.toISOString(),
      scores: session.answered.map((a) => ({ question: a.question.id, score: Math.round(Number(a.result.score) * 100) / 100 })),
      mean: Math.round(summarize(session.answered, session.order.length).mean * 100) / 100,
    };
    try {
      await saveSession(record);
      $("history-status").textContent = "This session was saved to your history in this browser.";
    } catch (err) {
      $("history-status").textContent = `This session could not be saved: ${message(err)}`;
    }
    await showHistory();
  }
}

function showSummary() {
  if (!session) return;
  const s = summarize(session.answered, session.order.length);
  const n = session.answered.length;
  $("practice-summary-meta").textContent =
    `${session.rubric.role}${session.rubric.title === session.rubric.role ? "" : ` (${session.rubric.title})`} · ${session.date.toLocaleString()} · ` +
    (n ? `mean score ${s.mean.toFixed(1)} / 5 over ${n} of ${session.order.length} questions` : `no questions answered of ${session.order.length}`);
  const timed = session.timer;
  $("practice-time-col").hidden = !timed;
  $("practice-scores").replaceChildren(
    ...session.order.map((q, i) => {
      const a = session?.answered.find((x) => x.question.id === q.id);
      const tr = el("tr");
      tr.append(el("td", "", i + 1), el("td", "", q.text), el("td", "num", a ? `${Number(a.result.score).toFixed(1)} / 5` : "not answered"));
      if (timed) tr.append(el("td", "num", a ? clock(a.seconds) : "–"));
      return tr;
    }),
  );
  fillList($("practice-strongest"), s.strongest, "None yet.");
  fillList($("practice-weakest"), s.weakest, "Nothing missed.");
  fillList($("practice-todo"), s.todo, "");
  $("practice-summary").hidden = false;
}

/** Escapes text for a Markdown table cell or line. @param {string} text */
function md(text) {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/[\r\n]+/g, " ");
}

/** The session summary as Markdown (the download). @returns {string} */
export function summaryMarkdown() {
  if (!session) return "";
  const s = summarize(session.answered, session.order.length);
  const lines = [
    `# Practice session: ${md(session.rubric.role)}`,
    "",
    `- Rubric: ${md(session.rubric.title)} (${md(session.rubric.id)} ${md(session.rubric.version)})`,
    `- Date: ${session.date.toISOString()}`,
    `- Answered: ${session.answered.length} of ${session.order.length} questions`,
    `- Mean score: ${session.answered.length ? s.mean.toFixed(1) : "–"} / 5`,
    "",
    "## Score per question",
    "",
    session.timer ? "| # | Question | Score | Time |" : "| # | Question | Score |",
    session.timer ? "|---|---|---|---|" : "|---|---|---|",
  ];
  session.order.forEach((q, i) => {
    const a = session?.answered.find((x) => x.question.id === q.id);
    const score = a ? `${Number(a.result.score).toFixed(1)} / 5` : "not answered";
    lines.push(`| ${i + 1} | ${md(q.text)} | ${score} |${session?.timer ? ` ${a ? clock(a.seconds) : "–"} |` : ""}`);
  });
  /** @param {string} title @param {string[]} items @param {string} empty */
  const list = (title, items, empty) => lines.push("", `## ${title}`, "", ...(items.length ? items.map((t) => `- ${md(t)}`) : [`- ${empty}`]));
  list("Strongest talking points", s.strongest, "None yet.");
  list("Weakest talking points", s.weakest, "Nothing missed.");
  list("What to practise next", s.todo, "");
  lines.push("", "## Feedback per answer");
  for (const a of session.answered) {
    const r = a.result;
    lines.push("", `### ${md(a.question.text)}`, "", `Score: ${Number(r.score).toFixed(1)} / 5 (grade ${r.grade})`, "", md(r.justification));
    if (r.next_step) lines.push("", `Next step: ${md(r.next_step)}`);
    if (r.covered?.length) lines.push("", "Covered:", ...r.covered.map((p) => `- ${md(p)}`));
    if (r.missing?.length) lines.push("", "Missing:", ...r.missing.map((p) => `- ${md(p)}`));
  }
  lines.push("", `Graded in this browser by ${session.answered[0]?.result.engine ?? "rubricate"}.`, "");
  return lines.join("\n");
}

/** Shows the history chart (none when history was never turned on: nothing is opened then). */
async function showHistory() {
  const chart = $("history-chart");
  try {
    const sessions = await allSessions();
    chart.replaceChildren(...(sessions.length ? historyCharts(sessions) : [el("p", "hint history-empty", "No sessions saved in this browser.")]));
  } catch (err) {
    chart.replaceChildren(el("p", "error", `The history could not be read: ${message(err)}`));
  }
}

/** Wires the history controls: the opt-in checkbox and "Delete everything". */
async function wireHistory() {
  const toggle = $("history-toggle", HTMLInputElement);
  const status = $("history-status");
  toggle.addEventListener("change", async () => {
    try {
      await setEnabled(toggle.checked);
      status.textContent = toggle.checked
        ? `History is on: finished sessions are saved in this browser's IndexedDB (${DB_NAME}).`
        : "History is off: new sessions are not saved. Sessions already saved stay until you delete them.";
    } catch (err) {
      toggle.checked = false;
      status.textContent = `History could not be turned on: ${message(err)}`;
    }
    await showHistory();
  });
  $("history-delete").addEventListener("click", async () => {
    try {
      await deleteHistory();
      toggle.checked = false;
      status.textContent = `Deleted: the ${DB_NAME} database is gone from this browser, and history is off.`;
    } catch (err) {
      status.textContent = `The history could not be deleted: ${message(err)}`;
    }
    $("history-chart").replaceChildren(el("p", "hint history-empty", "No sessions saved in this browser."));
  });
  // An earlier visit opted in only if the database exists; nothing is opened otherwise.
  if (await historyExists()) {
    try {
      toggle.checked = await isEnabled();
    } catch {
      toggle.checked = false;
    }
  }
  await showHistory();
}

/** Wires practice mode: the set-up form, the question and feedback, the summary, history. */
export function wirePractice() {
  $("practice-role").addEventListener("change", showRoleNote);
  $("practice-start").addEventListener("click", start);
  $("practice-submit").addEventListener("click", submit);
  $("practice-next").addEventListener("click", next);
  $("practice-finish").addEventListener("click", finish);
  const answer = $("practice-answer", HTMLTextAreaElement);
  answer.addEventListener("input", () => {
    $("practice-answer-count").textContent = countWords(answer.value);
  });
  // Ctrl+Enter (or Cmd+Enter) submits from the answer box.
  answer.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    }
  });
  $("practice-download").addEventListener("click", () => {
    if (session) download(`rubricate-practice-${session.rubric.id}.md`, summaryMarkdown(), "text/markdown");
  });
  $("practice-print").addEventListener("click", () => window.print());
  $("practice-again").addEventListener("click", () => {
    $("practice-summary").hidden = true;
    $("practice-setup").hidden = false;
    $("practice-role").focus();
  });
  wireHistory();
}
