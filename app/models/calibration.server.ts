import { sql } from "drizzle-orm";
import { getDb, preparedOnce } from "~db/client";
import * as t from "~db/schema";
import { computeCalibrationReport, type CalibrationOptions, type CalibrationReport } from "~/domain/calibration";
import { finishCalibrationReport, startCalibrationReport } from "~/domain/calibration/report";
import { assembledColumns, assembleRatings } from "~/domain/calibration/rating-assembly";
import {
  labelColumn,
  ratingColumns,
  ratingTableFromColumns,
  type LabelColumn,
  type RatingColumns,
} from "~/domain/calibration/rating-table";
import { plannerColumns, type PlannerColumns, type VariantReliability } from "~/domain/calibration/variant-reliability";
import type { DimensionAgreement } from "~/domain/calibration/dimension-agreement";
import type { Scale } from "~/domain/calibration/types";
import { claimTask, closeTasks, fitTasks, type ReportModels } from "~/domain/calibration/fit-tasks";
import { overviewVariantReliability, type DashboardContext, type LoopEvidence } from "~/domain/calibration/dashboard";
import { measureRedFlagUse, withRedFlagEffects, type LoopEffectMeasure } from "~/domain/calibration/loop-effects";
import { buildDashboardViews, type DashboardViews } from "~/domain/calibration/dashboard-views";
import type { CalibrationFilter, FilterVocabulary } from "~/schemas/calibration-filter-schema";
import { dataVersion, loadLoopEvidence, readsInOneState } from "./loop-evidence.server";
import { candidateLabel, readRatingParts, type RatingFilter } from "./rating-export.server";
import { getLatestRubricVersion, requireRubricVersion } from "./rubric.server";

// The dashboard's views for one filter, computed from every rating in view. Served and refreshed by
// dashboard-snapshot.server.ts, which runs this on the server's worker thread.

export function computeDashboard(filter: CalibrationFilter): DashboardViews {
  return buildDashboardViews(loadDashboardContext(filter));
}

/**
 * Reads and measures the lead's-loop records (all but the red flags) somewhere else (the planner's
 * thread, on its own connection) in one read transaction: `snapshot` settles once that transaction's
 * snapshot is taken, `measures` with measureRecordedLoopEffects of what it read.
 */
export type MeasureLoopElsewhere = (filter: RatingFilter) => {
  snapshot: Promise<void>;
  measures: Promise<LoopEffectMeasure[]>;
};

/**
 * Has another thread run the fit tasks of these columns (fitTasks of ratingTableFromColumns), claiming
 * each from `claims` (claimTask) as this thread does, until none is left: `model` settles with the
 * report's models if that thread ran task 0 (and never otherwise), `agreement` with the dimensions'
 * agreement if it ran that task (likewise), `planned` with the planner results of the tasks it ran,
 * once no task is left.
 */
export type ShareFits = (
  columns: PlannerColumns,
  claims: Int32Array,
) => {
  model: Promise<ReportModels>;
  agreement: Promise<DimensionAgreement[]>;
  planned: Promise<[number, VariantReliability][]>;
};

/** What computeDashboardInParallel hands to another thread. */
export interface ComputeElsewhere {
  shareFits: ShareFits;
  measureLoop?: MeasureLoopElsewhere;
}

/**
 * The same views, computed on two threads: the REML fits (the report's rater model, with the
 * dimensions' agreement, and the per-variant planner's, most of a report) are shared with another
 * thread (`shareFits`: each thread claims the next fit when it has nothing else to do), and given `measureLoop`, the
 * lead's-loop records are read and measured there while this one reads the ratings (each read is
 * about a second at 100,000 scorecards). This thread does everything else first (the report's other
 * parts, the red-flag effects, the views) and then claims fits too, so neither waits while the other
 * has work; the planner's figures go into the views last.
 *
 * The two reads are on two connections, so they must see one state of the database: this thread
 * notes its data version, the other thread takes its snapshot, then this one takes its own; if any
 * connection committed in between (readsInOneState), this thread reads the records itself, in its
 * own snapshot, and the other thread's are dropped.
 */
export async function computeDashboardInParallel(
  filter: CalibrationFilter,
  elsewhere: ComputeElsewhere,
): Promise<DashboardViews> {
  const { shareFits, measureLoop } = elsewhere;
  // An interviewer focus keeps the records of the ratings' candidates only (read here): no remote read.
  const remote = measureLoop && !filter.interviewerIds?.length ? await startRemoteLoop(filter, measureLoop) : null;
  const claims = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  // The table's columns go to the other thread as soon as they are read, before this one assembles
  // the ratings (an object each) and its own table, so that the other starts its fits sooner. The
  // dimensions' agreement is a task too (fit-tasks.ts): this thread takes it if it is free before the
  // other has fitted the models, else the other thread does.
  const early: { sent?: Shared } = {};
  const share = (columns: RatingColumns, variants: LabelColumn, scale: Scale): Shared =>
    (early.sent = { columns, variants, shared: shareFits(plannerColumns(columns, variants, scale), claims) });
  let read: ReturnType<typeof readInOneSnapshot>;
  try {
    read = readInOneSnapshot(filter, (same) => remote !== null && same(remote.before), share);
  } catch (error) {
    // Failed after the columns went: the other thread claims no further fit.
    if (early.sent) abandon(claims, early.sent.shared);
    throw error;
  }
  const { gathered, evidence } = read;
  const { columns, variants, shared } =
    early.sent ??
    share(
      ratingColumns(gathered.ratings),
      labelColumn(gathered.ratings, (r) => r.variant),
      gathered.scale,
    );
  const options = reportOptions(gathered, []);
  try {
    const table = ratingTableFromColumns(columns);
    const tasks = fitTasks(table, variants, gathered.scale);
    // Caught now so that a failure while this thread is busy is not an unhandled rejection; rethrown below.
    shared.planned.catch(() => undefined);
    const theirs = { model: null as ReportModels | null, agreement: null as DimensionAgreement[] | null };
    shared.model.then(
      (models) => (theirs.model = models),
      () => undefined,
    );
    shared.agreement.then(
      (agreement) => (theirs.agreement = agreement),
      () => undefined,
    );
    const mine: [number, VariantReliability][] = [];
    const runTask = (task: number) => {
      const result = tasks.run(task);
      if ("planned" in result) mine.push(result.planned);
      return result;
    };
    // The report without the planner (given as none); the report reads the same table and variants (built once).
    const started = startCalibrationReport(gathered.ratings, {
      ...options,
      prepared: { table, variants, agreementElsewhere: true },
    });
    // The red flags' effects rest on no model: measured while the other thread fits them.
    const redFlagUse = evidence === null ? measureRedFlagUse(gathered.scorecards) : null;
    // The report's models and agreement: computed here if the other thread has not claimed them; if
    // it has, the next tasks here until they arrive (a turn of the event loop first and after each
    // task lets its message in).
    let models: ReportModels | null = null;
    let agreement: DimensionAgreement[] | null = null;
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      models ??= theirs.model;
      agreement ??= theirs.agreement;
      if (models !== null && agreement !== null) break;
      const task = claimTask(claims);
      if (task >= tasks.count) {
        models ??= await shared.model;
        agreement ??= await shared.agreement;
      } else {
        const result = runTask(task);
        if ("model" in result) models = result.model;
        if ("agreement" in result) agreement = result.agreement;
      }
    }
    const report = finishCalibrationReport(started, models.fit, models.variantModel, agreement);
    const loop: LoopInput =
      evidence !== null ? { evidence } : { effects: withRedFlagEffects(redFlagUse!, await remote!.measures) };
    const context = contextOf(gathered, report, loop);
    const views = buildDashboardViews(context);
    for (let task = claimTask(claims); task < tasks.count; task = claimTask(claims)) runTask(task);
    const variantReliability = tasks.assemble([...mine, ...(await shared.planned)]);
    // The overview is the one view that shows the planner (compared with computeDashboard's in dashboard-parallel.slow.test.ts).
    views.overview.variantReliability = overviewVariantReliability({
      ...context,
      report: { ...report, variantReliability },
    });
    return views;
  } catch (error) {
    abandon(claims, shared);
    throw error;
  }
}

/**
 * Nobody waits for this computation now: the other thread claims no further fit (it finishes the
 * one it has), so the next refresh's requests are not queued behind fits of a failed one; its
 * results, or its failure, are dropped.
 */
function abandon(claims: Int32Array, shared: ReturnType<ShareFits>): void {
  closeTasks(claims);
  for (const part of [shared.model, shared.agreement, shared.planned]) part.catch(() => undefined);
}

/** The columns this thread sent the other, and what the other gives back. */
interface Shared {
  columns: RatingColumns;
  variants: LabelColumn;
  shared: ReturnType<ShareFits>;
}

/** Notes this connection's data version, then has the other thread take its snapshot. */
async function startRemoteLoop(filter: CalibrationFilter, measureLoop: MeasureLoopElsewhere) {
  const before = dataVersion();
  const { snapshot, measures } = measureLoop(filter);
  // Caught now (see `planned` above); awaited only when the snapshots agreed.
  measures.catch(() => undefined);
  await snapshot;
  return { before, measures };
}

/** The widest scale any rubric version has used, so that every stored rating fits. */
function ratingScale() {
  const row = getDb()
    .select({
      min: sql<number>`min(${t.rubricVersions.scaleMin})`,
      max: sql<number>`max(${t.rubricVersions.scaleMax})`,
    })
    .from(t.rubricVersions)
    .get()!;
  return { min: row.min, max: row.max };
}

export function loadDashboardContext(filter: CalibrationFilter): DashboardContext {
  const { gathered, evidence } = readInOneSnapshot(filter, () => false);
  return contextOf(gathered, computeReport(gathered), { evidence: evidence! });
}

/**
 * The ratings and, unless `readElsewhere` says another connection read them in the same state, the
 * loop evidence: in one read transaction, so that both are one state of the database. `readElsewhere`
 * is asked first, as the transaction's first read (readsInOneState takes the snapshot).
 */
function readInOneSnapshot(
  filter: CalibrationFilter,
  readElsewhere: (same: (before: number) => boolean) => boolean,
  onColumns?: OnColumns,
): { gathered: Gathered; evidence: LoopEvidence | null } {
  return getDb().$client.transaction(() => {
    const elsewhere = readElsewhere((before) => readsInOneState(before));
    const gathered = gatherRatings(filter, onColumns);
    return { gathered, evidence: elsewhere ? null : loopEvidenceOf(gathered) };
  })();
}

type Gathered = ReturnType<typeof gatherRatings>;

/**
 * Given the rating table's columns and the variants of the gathered ratings (as ratingColumns and
 * labelColumn of them would give), with the scale read in the same snapshot, as soon as they are
 * read, before the ratings are assembled; not called under an interviewer focus (which keeps only
 * some of the ratings read).
 */
type OnColumns = (columns: RatingColumns, variants: LabelColumn, scale: Scale) => void;

function gatherRatings(filter: CalibrationFilter, onColumns?: OnColumns) {
  const people = getDb().select({ id: t.users.id, email: t.users.email, name: t.users.name }).from(t.users).all();
  // An interviewer filter focuses the view; it must not drop the co-panellists every statistic
  // compares them with. So: every rating (under the other filters) on the candidates the chosen
  // interviewers rated, and the interviewer views list only the chosen ones (DashboardContext.focus).
  const chosen = filter.interviewerIds?.length ? new Set(filter.interviewerIds) : null;
  const focus = chosen ? people.filter((p) => chosen.has(p.id)).map((p) => p.email) : undefined;
  const wide = chosen ? { ...filter, interviewerIds: undefined } : filter;
  // The scale in the same snapshot as the ratings, so that every rating read is on it.
  const scale = ratingScale();
  const parts = readRatingParts(wide);
  if (onColumns && !focus) {
    const { table, variants } = assembledColumns(parts);
    onColumns(table, variants, scale);
  }
  let { ratings, scorecards } = assembleRatings(parts);
  if (focus) {
    const mine = new Set(focus);
    const candidates = new Set(ratings.filter((r) => mine.has(r.interviewer)).map((r) => r.candidate));
    ratings = ratings.filter((r) => candidates.has(r.candidate));
    scorecards = scorecards.filter((s) => candidates.has(s.candidate));
  }
  return { people, focus, wide, ratings, scorecards, scale };
}

function reportOptions({ scorecards, scale }: Gathered, variantReliability?: VariantReliability[]): CalibrationOptions {
  return { scale, scorecards, variantReliability };
}

function computeReport(gathered: Gathered): CalibrationReport {
  return computeCalibrationReport(gathered.ratings, reportOptions(gathered));
}

/** The loop evidence of the gathered ratings' filter (and focus). */
function loopEvidenceOf({ focus, wide, ratings, scorecards }: Gathered): LoopEvidence {
  // Overdue seats depend on the clock as well as the data; the cache keys on the audit log, so an
  // overdue share can lag until the next change is audited (a submit, an amendment, a debrief …).
  const loop = loadLoopEvidence(wide, scorecards);
  if (focus) {
    const candidates = new Set(ratings.map((r) => r.candidate));
    const mine = (r: { label: string; interviewer: string }) => candidates.has(r.label);
    // The focused interviewers' candidates, so peers on those candidates stay in each comparison.
    loop.amendments = loop.amendments.filter(mine);
    loop.overdue = loop.overdue.filter(mine);
    loop.decisions = loop.decisions.filter(mine);
  }
  return loop;
}

/** The loop evidence, or its effects measured already (measureLoopEffects of the same evidence). */
type LoopInput = { evidence: LoopEvidence } | { effects: LoopEffectMeasure[] };

function contextOf(gathered: Gathered, report: CalibrationReport, loop: LoopInput): DashboardContext {
  const { people, focus, ratings } = gathered;
  const { rubric } = getLatestRubricVersion();
  return {
    report,
    ratings,
    ...("evidence" in loop ? { loop: loop.evidence } : { loopEffects: loop.effects }),
    focus,
    interviewerNames: Object.fromEntries(people.map((p) => [p.email, p.name])),
    dimensionNames: Object.fromEntries(rubric.dimensions.map((d) => [d.key, d.name])),
    variantNames: Object.fromEntries(rubric.variants.map((v) => [v.key, v.name])),
  };
}

// Rubric versions are only ever added (rubric.server.ts keeps each parsed version), so the
// dimension keys any version uses are read once per version, not parsed from every version's JSON on
// every dashboard request.
const rubricVersionIds = preparedOnce((db) => db.$client.prepare<[]>("select id from rubric_versions").pluck());
const variantKeys = preparedOnce((db) => db.$client.prepare<[]>("select distinct key from variants").pluck());
const userIdsIn = preparedOnce((db) =>
  db.$client.prepare<[string]>("select id from users where id in (select value from json_each(?))").pluck(),
);

/**
 * The names a filter may use (any rubric version's variants and dimensions, any user), for the 400
 * rule (findUnknownFilterValues). Only the kinds this filter names are read: every dashboard page
 * checks its filter (the layout's loader and the view's), and an unfiltered one names none, so it
 * reads nothing; a kind the filter does not name comes back empty (the rule never asks it).
 */
export function getFilterVocabulary(filter: CalibrationFilter): FilterVocabulary {
  const ids = filter.interviewerIds ?? [];
  const dimensions = new Set<string>();
  if (filter.dimension !== undefined)
    for (const id of rubricVersionIds().all() as number[])
      for (const d of requireRubricVersion(id).rubric.dimensions) dimensions.add(d.key);
  return {
    variants: new Set(filter.variants?.length ? (variantKeys().all() as string[]) : []),
    dimensions,
    interviewerIds: new Set(ids.length ? (userIdsIn().all(JSON.stringify(ids)) as number[]) : []),
  };
}

// Every dashboard page asks twice (its layout's filter bar, its view's links): at 300 interviewers,
// drizzle's query building and row mapping made it a tenth of a dashboard document's main-thread time.
const interviewerOptions = preparedOnce((db) =>
  db.$client.prepare<[]>(
    `select u.id, u.name, u.email from users u join user_roles r on r.user_id = u.id
     where r.role = 'interviewer' order by u.name`,
  ),
);

const latestRubricVersionId = preparedOnce((db) =>
  db.$client.prepare<[]>("select max(id) from rubric_versions").pluck(),
);

/** What the filter bar offers: the latest rubric's variants and dimensions, and every interviewer (id and name: what it draws). */
export function getFilterOptions() {
  // The latest version's id by a statement prepared once; the version itself is kept parsed (rubric.server.ts).
  const { rubric } = requireRubricVersion(latestRubricVersionId().get() as number);
  return {
    variants: rubric.variants.map((v) => ({ key: v.key, name: v.name })),
    levels: rubric.levels.map((l) => ({ key: l.key, name: l.name })),
    dimensions: rubric.dimensions.map((d) => ({ key: d.key, name: d.name })),
    interviewers: interviewers().map(({ id, name }) => ({ id, name })),
  };
}

const interviewers = () => interviewerOptions().all() as { id: number; name: string; email: string }[];

const interviewerIdsOf = preparedOnce((db) =>
  db.$client.prepare<[string]>(
    `select u.id, u.email from users u join user_roles r on r.user_id = u.id
     where r.role = 'interviewer' and u.email in (select value from json_each(?))`,
  ),
);

/**
 * Interviewers' user ids by email: the views name interviewers by email, the pages link by id.
 * Every interviewer's, or only the `emails` given (the overview links the ~20 it lists: reading
 * all 300 rows a document was ~1.5 ms of the main thread at the largest employer).
 */
export function interviewerIdsByEmail(emails?: readonly string[]): Map<string, number> {
  const rows =
    emails === undefined
      ? interviewers()
      : (interviewerIdsOf().all(JSON.stringify([...new Set(emails)])) as { id: number; email: string }[]);
  return new Map(rows.map((i) => [i.email, i.id]));
}

export interface CandidateLink {
  /** The candidate's label as it is now ("<name> #<id>"; the pseudonym once erased), made here at the edge. */
  label: string;
  /** Their newest real (non-practice) interview. */
  interviewId: number;
}

const candidateLinkRows = preparedOnce((db) =>
  db.$client.prepare<[string]>(
    `select c.id, c.name, max(i.id) as interview_id from candidates c
     join interviews i on i.candidate_id = c.id and i.exemplar_id is null
     where c.id in (select value from json_each(?))
     group by c.id`,
  ),
);

/**
 * The current label and newest interview of each listed candidate, by id, for the dashboard's links
 * (null and undefined, a view row without an id, are passed over).
 * The views may be a snapshot computed before a candidate was erased, so the label is read now.
 */
export function candidateLinks(ids: readonly (number | null | undefined)[]): Record<number, CandidateLink> {
  const candidateIds = ids.filter((id) => typeof id === "number");
  if (!candidateIds.length) return {};
  const rows = candidateLinkRows().all(JSON.stringify(candidateIds)) as {
    id: number;
    name: string;
    interview_id: number;
  }[];
  return Object.fromEntries(
    rows.map((r) => [r.id, { label: candidateLabel(r.name, r.id), interviewId: r.interview_id }]),
  );
}

/** A view's candidate as the screen shows them: the current label and newest interview, or the view's label unlinked. */
export function linkCandidate(
  links: Record<number, CandidateLink>,
  candidateId: number | null | undefined,
  label: string,
): { label: string; interviewId: number | null } {
  const link = candidateId === null || candidateId === undefined ? undefined : links[candidateId];
  return link ?? { label, interviewId: null };
}
