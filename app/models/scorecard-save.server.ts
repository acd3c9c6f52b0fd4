import { preparedOnce, type Db } from "~db/client";
import type { Rubric } from "~/domain/rubric/types";
import { EMPTY_DRAFT, mergeDraft, type MergeConflict } from "~/domain/scorecard/merge-draft";
import type { DraftContent, InterviewTimer, ScorecardTiming } from "~/domain/scorecard-content";
import { computeWeightedScore, dropStaleJustifications } from "~/domain/scoring";
import type { ScorecardDraft } from "~/schemas/scorecard-schema";
import { writeContent } from "./scorecard-content-write.server";
import { draftContent } from "./scorecard-draft.server";
import { readDraftSnapshot, writeDraftSnapshot } from "./scorecard-snapshot.server";
import { contentOf, getOwnScorecard, recordSubmission, type ScorecardState } from "./scorecard.server";

// The autosave's write, on every keystroke burst of every interviewer: the hot statements are
// plain SQL prepared once per connection, reading and returning only the columns a save uses
// (drizzle's row mapping of the whole scorecard, twice per save, cost more than the update), and
// the transaction function is made once. The rare paths (a merge, a refusal, a submit) read the
// full state through scorecard.server.ts as before.

/** What a save needs of the stored scorecard row. */
interface SaveBasis {
  id: number;
  status: "draft" | "submitted";
  revision: number;
  variant_key: string;
  timer_elapsed_ms: number;
  timer_running_since: number | null;
  clock_started_at: number | null;
  answer_start_seconds: number | null;
  answer_end_seconds: number | null;
  coach_dismissed: string;
}

const BASIS_COLUMNS = `id, status, revision, variant_key, timer_elapsed_ms, timer_running_since, clock_started_at,
  answer_start_seconds, answer_end_seconds, coach_dismissed`;

const s = {
  basis: preparedOnce((db) =>
    db.$client.prepare(`select ${BASIS_COLUMNS} from scorecards where interview_id = ? and interviewer_id = ?`),
  ),
  insert: preparedOnce((db) =>
    db.$client.prepare(
      `insert into scorecards (interview_id, interviewer_id, rubric_version_id, variant_key) values (?, ?, ?, ?)
       returning ${BASIS_COLUMNS}`,
    ),
  ),
  update: preparedOnce((db) =>
    db.$client.prepare(
      `update scorecards set revision = revision + 1, recommendation = @recommendation,
         recommendation_justification = @recommendationJustification, coach_dismissed = @coachDismissed,
         timer_elapsed_ms = @timerElapsedMs, timer_running_since = @timerRunningSince,
         clock_started_at = @clockStartedAt, answer_start_seconds = @answerStartSeconds,
         answer_end_seconds = @answerEndSeconds, status = @status, weighted_score = @weightedScore,
         submitted_at = @submittedAt, updated_at = @now
       where id = @id returning revision, updated_at`,
    ),
  ),
  // Made once per connection: wrapping the work in a new transaction function per save costs too.
  transaction: preparedOnce((db: Db) => db.$client.transaction(save)),
};

const timerOf = (card: SaveBasis): InterviewTimer => ({
  elapsedMs: card.timer_elapsed_ms,
  runningSince: card.timer_running_since,
});
const timingOf = (card: SaveBasis): ScorecardTiming => ({
  clockStartedAt: card.clock_started_at,
  answerStartSeconds: card.answer_start_seconds,
  answerEndSeconds: card.answer_end_seconds,
});

export type SaveResult =
  | {
      kind: "saved";
      revision: number;
      updatedAt: string;
      submitted: boolean;
      merged: DraftContent | null;
      conflicts: MergeConflict[];
    }
  | { kind: "stale"; state: ScorecardState | null }
  | { kind: "already_submitted"; state: ScorecardState };

export interface SaveRequest {
  interviewId: number;
  userId: number;
  rubricVersionId: number;
  rubric: Rubric;
  variantKey: string;
  draft: ScorecardDraft;
  submit: boolean;
}

/**
 * Writes the draft in one immediate transaction. A draft based on an older revision (another tab,
 * another device, an offline spell) is merged field by field with what is stored, against the
 * revision it started from; fields changed on both sides keep the stored value and come back as
 * conflicts, and a submit with conflicts is saved as a draft instead. With `submit`, the scorecard
 * also becomes read-only, with its weighted score computed here.
 */
export function saveScorecard(opts: SaveRequest): SaveResult {
  return s.transaction().immediate(opts);
}

function save(opts: SaveRequest): SaveResult {
  const { interviewId, userId, rubric, draft } = opts;
  const stateNow = () => getOwnScorecard(interviewId, userId)!;
  let card = s.basis().get(interviewId, userId) as SaveBasis | undefined;
  if (!card) {
    // Nothing stored yet: only a save based on "nothing" (revision 0) may start the scorecard.
    if (draft.baseRevision !== 0) return { kind: "stale", state: null };
    card = s.insert().get(interviewId, userId, opts.rubricVersionId, opts.variantKey) as SaveBasis;
  }
  if (card.status === "submitted") return { kind: "already_submitted", state: stateNow() };
  if (draft.baseRevision > card.revision) return { kind: "stale", state: stateNow() };

  const nowMs = Date.now();
  // The stored lists are read only when needed (a merge, or a plain HTML post that keeps the
  // notes): the common autosave stays one row read, as the bench measures it.
  const needsStored = draft.baseRevision !== card.revision || !draft.notes;
  const stored: DraftContent = needsStored
    ? contentOf(stateNow())
    : {
        ...EMPTY_DRAFT,
        timer: timerOf(card),
        timing: timingOf(card),
        coachDismissed: JSON.parse(card.coach_dismissed) as string[],
      };
  let content = draftContent(draft, stored, nowMs);
  let merged: DraftContent | null = null;
  let conflicts: MergeConflict[] = [];
  if (draft.baseRevision !== card.revision) {
    const base =
      draft.baseRevision === 0 ? EMPTY_DRAFT : (readDraftSnapshot(card.id, draft.baseRevision) ?? EMPTY_DRAFT);
    ({ merged, conflicts } = mergeDraft(base, content, stored));
    content = merged;
  }
  // The clock starts once: a later "first start" from another device never moves it.
  const clockStartedAt = [stored.timing.clockStartedAt, content.timing.clockStartedAt].filter(
    (v): v is number => v != null,
  );
  content.timing = { ...content.timing, clockStartedAt: clockStartedAt.length ? Math.min(...clockStartedAt) : null };
  content = dropStaleJustifications(rubric, card.variant_key, content);
  const submit = opts.submit && conflicts.length === 0;

  const now = new Date(nowMs).toISOString();
  // Only a submit stores the weighted score (a draft's is computed where it is shown).
  const weighted = submit ? computeWeightedScore(rubric, card.variant_key, content.ratings) : null;
  const timer = content.timer;
  // Submitting stops the clock: the elapsed time is what ran until now, not what ran until the last pause.
  const elapsedMs =
    submit && timer.runningSince ? timer.elapsedMs + Math.max(0, nowMs - timer.runningSince) : timer.elapsedMs;
  const updated = s.update().get({
    id: card.id,
    recommendation: content.recommendation,
    recommendationJustification: content.recommendationJustification,
    coachDismissed: JSON.stringify(content.coachDismissed),
    timerElapsedMs: Math.min(elapsedMs, 86_400_000),
    timerRunningSince: submit ? null : timer.runningSince,
    clockStartedAt: content.timing.clockStartedAt,
    answerStartSeconds: content.timing.answerStartSeconds,
    answerEndSeconds: content.timing.answerEndSeconds,
    status: submit ? "submitted" : "draft",
    weightedScore: weighted ? weighted.score : null,
    submittedAt: submit ? now : null,
    now,
  }) as { revision: number; updated_at: string };

  writeContent(card.id, content);
  writeDraftSnapshot(card.id, updated.revision, content);
  // An autosave answers with its revision only; reading the whole scorecard back is for the snapshot.
  if (weighted) recordSubmission(stateNow(), userId, weighted.score);
  return {
    kind: "saved",
    revision: updated.revision,
    updatedAt: updated.updated_at,
    submitted: submit,
    merged: merged && content,
    conflicts,
  };
}
