import { sql } from "drizzle-orm";
import { getDb, preparedOnce } from "~db/client";
import * as t from "~db/schema";
import { computeCalibrationReport, type CalibrationOptions, type CalibrationReport } from "~/domain/calibration";
import { buildRatingTable, labelColumn } from "~/domain/calibration/rating-table";
import { plannerColumns, type PlannerColumns, type VariantReliability } from "~/domain/calibration/variant-reliability";
import type { DashboardContext } from "~/domain/calibration/dashboard";
import { buildDashboardViews, type DashboardViews } from "~/domain/calibration/dashboard-views";
import type { CalibrationFilter, FilterVocabulary } from "~/schemas/calibration-filter-schema";
import { loadLoopEvidence } from "./loop-evidence.server";
import { candidateLabel, exportRatingsWithRedFlags } from "./rating-export.server";
import { getLatestRubricVersion, requireRubricVersion } from "./rubric.server";

// The dashboard's views for one filter, computed from every rating in view. Served and refreshed by
// dashboard-snapshot.server.ts, which runs this on the server's worker thread.

export function computeDashboard(filter: CalibrationFilter): DashboardViews {
  return buildDashboardViews(loadDashboardContext(filter));
}

/** Computes the per-variant planner of these columns somewhere else (a second worker thread). */
export type PlanVariants = (columns: PlannerColumns) => Promise<VariantReliability[]>;

/**
 * The same views, with the per-variant planner (a REML fit per company variant, a third or more of
 * the report) computed by `plan` on another thread while this one computes the rest of the report.
 */
export async function computeDashboardInParallel(
  filter: CalibrationFilter,
  plan: PlanVariants,
): Promise<DashboardViews> {
  const gathered = gatherRatings(filter);
  const table = buildRatingTable(gathered.ratings);
  const variants = labelColumn(gathered.ratings, (r) => r.variant);
  const planned = plan(plannerColumns(table, variants));
  // Caught now so that a failure while this thread is busy is not an unhandled rejection; rethrown below.
  planned.catch(() => undefined);
  // The report without the planner (given as none), then the planner's figures in their place; the
  // report reads the same table and variants (built once).
  const report = computeReport(gathered, [], { table, variants });
  const variantReliability = await planned;
  return buildDashboardViews(contextOf(gathered, { ...report, variantReliability }));
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
  const gathered = gatherRatings(filter);
  return contextOf(gathered, computeReport(gathered));
}

type Gathered = ReturnType<typeof gatherRatings>;

function gatherRatings(filter: CalibrationFilter) {
  const people = getDb().select({ id: t.users.id, email: t.users.email, name: t.users.name }).from(t.users).all();
  // An interviewer filter focuses the view; it must not drop the co-panellists every statistic
  // compares them with. So: every rating (under the other filters) on the candidates the chosen
  // interviewers rated, and the interviewer views list only the chosen ones (DashboardContext.focus).
  const chosen = filter.interviewerIds?.length ? new Set(filter.interviewerIds) : null;
  const focus = chosen ? people.filter((p) => chosen.has(p.id)).map((p) => p.email) : undefined;
  const wide = chosen ? { ...filter, interviewerIds: undefined } : filter;
  let { ratings, scorecards } = exportRatingsWithRedFlags(wide);
  if (focus) {
    const mine = new Set(focus);
    const candidates = new Set(ratings.filter((r) => mine.has(r.interviewer)).map((r) => r.candidate));
    ratings = ratings.filter((r) => candidates.has(r.candidate));
    scorecards = scorecards.filter((s) => candidates.has(s.candidate));
  }
  return { people, focus, wide, ratings, scorecards };
}

function computeReport(
  { ratings, scorecards }: Gathered,
  variantReliability?: VariantReliability[],
  prepared?: CalibrationOptions["prepared"],
) {
  return computeCalibrationReport(ratings, { scale: ratingScale(), scorecards, variantReliability, prepared });
}

function contextOf(gathered: Gathered, report: CalibrationReport): DashboardContext {
  const { people, focus, wide, ratings, scorecards } = gathered;
  const { rubric } = getLatestRubricVersion();
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
  return {
    report,
    ratings,
    loop,
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
