import { count } from "drizzle-orm";
import { writeTransaction, type Db } from "~db/client";
import * as t from "~db/schema";
import { seedDebriefs } from "./debriefs.server";
import { ensureSeedExemplars, listExemplars } from "~/models/exemplar.server";
import { ensureDefaultRubric, getLatestRubricVersion } from "~/models/rubric.server";
import { createRandom, type Random } from "~/domain/random";
import { LEVELS, type Rubric } from "~/domain/rubric/types";
import { hashPassword } from "~/models/password.server";
import { DEMO_NOTES, DEMO_PASSWORD, DEMO_PEOPLE, type DemoPerson } from "./demo-people";
import {
  CAP_JUSTIFICATION,
  drawPersonName,
  RECOMMENDATION_JUSTIFICATION,
  simulateScorecard,
} from "./simulated-scorecard";

export { DEMO_PASSWORD, DEMO_SIGN_INS } from "./demo-people";

// The demo organisation: deterministic (fixed seed), and shaped so the calibration dashboard has
// something true to find — the interviewers' styles in demo-people.ts, and an Amazon variant that
// is scored harsher on Repair (simulated-scorecard.ts).

const PAST_CANDIDATES = 160;
const DAY = 86_400_000;

export interface SeedSummary {
  seeded: boolean;
  users: number;
  candidates: number;
  submittedScorecards: number;
  /** Submitted practice scorecards on the exemplars, not counted in submittedScorecards. */
  practiceScorecards?: number;
  /** Decided debriefs (with re-votes) on the newest complete panels. */
  debriefs?: number;
}

/** Seeds the demo organisation into an empty database; does nothing when any user exists. */
export async function seedDemo(db: Db, opts: { now?: Date; seed?: number } = {}): Promise<SeedSummary> {
  ensureDefaultRubric(db);
  ensureSeedExemplars(db);
  const existing = db.select({ n: count() }).from(t.users).get()?.n ?? 0;
  if (existing > 0) return { seeded: false, users: existing, candidates: 0, submittedScorecards: 0 };

  const random = createRandom(opts.seed ?? 20261122);
  const today = startOfDayUtc(opts.now ?? new Date());
  const version = getLatestRubricVersion(db);
  const hashes = await Promise.all(DEMO_PEOPLE.map(() => hashPassword(DEMO_PASSWORD)));

  let submitted = 0;
  let candidateCount = 0;
  let practised = 0;
  writeTransaction((tx) => {
    const userIds = DEMO_PEOPLE.map((p, i) => {
      const { id } = tx
        .insert(t.users)
        .values({ email: p.email, name: p.name, passwordHash: hashes[i] })
        .returning({ id: t.users.id })
        .get();
      tx.insert(t.userRoles)
        .values(p.roles.map((role) => ({ userId: id, role })))
        .run();
      return id;
    });
    const interviewers = DEMO_PEOPLE.map((p, i) => ({ ...p, id: userIds[i] })).filter((p) =>
      p.roles.includes("interviewer"),
    );
    const demoInterviewer = interviewers.find((p) => p.email === "interviewer@demo.test")!;
    tx.insert(t.settings).values({ key: "independence", value: "after_submit" }).run();

    const schedule = (offsetMs: number, panel: typeof interviewers, variantKey: string) => {
      candidateCount++;
      const candidate = tx
        .insert(t.candidates)
        .values({ name: drawPersonName(random), targetLevel: random.pick(LEVELS) })
        .returning({ id: t.candidates.id })
        .get();
      const interview = tx
        .insert(t.interviews)
        .values({
          candidateId: candidate.id,
          rubricVersionId: version.id,
          variantKey,
          scheduledAt: new Date(today + offsetMs).toISOString(),
        })
        .returning({ id: t.interviews.id, scheduledAt: t.interviews.scheduledAt })
        .get();
      tx.insert(t.panelAssignments)
        .values(panel.map((p) => ({ interviewId: interview.id, interviewerId: p.id })))
        .run();
      return interview;
    };

    const variantKeys = version.rubric.variants.map((v) => v.key);
    for (let c = 0; c < PAST_CANDIDATES; c++) {
      // Spread over the past ~6 months, at office hours, so drift by month has data.
      const offset = -(2 + Math.floor((c / PAST_CANDIDATES) * 180)) * DAY + (9 + random.int(0, 7)) * 3_600_000;
      const size = random.int(2, 4);
      const panel =
        c % 3 === 0
          ? [
              demoInterviewer,
              ...random.sample(
                interviewers.filter((p) => p !== demoInterviewer),
                size - 1,
              ),
            ]
          : random.sample(interviewers, size);
      const variantKey = variantKeys[c % variantKeys.length];
      const interview = schedule(offset, panel, variantKey);
      const ability = random.normal(2.6, 0.7);
      panel.forEach((person, i) => {
        // A few recent interviews keep one scorecard unsubmitted, so "overdue" has examples.
        if (c >= PAST_CANDIDATES - 6 && i === panel.length - 1 && person !== demoInterviewer) return;
        insertScorecard(tx, random, version, interview, person, ability, variantKey);
        submitted++;
      });
    }
    // Upcoming interviews for the demo interviewer: later today, tomorrow and later this week.
    for (const [k, hours] of [10, 15, 34, 58, 82, 130].entries()) {
      const others = random.sample(
        interviewers.filter((p) => p !== demoInterviewer),
        1 + (k % 3),
      );
      schedule(hours * 3_600_000, [demoInterviewer, ...others], variantKeys[k % variantKeys.length]);
    }
    // Practice on the seeds' two exemplars, so /practice and the distance from the key have data:
    // every interviewer practised both in their own style, except the demo interviewer, who
    // practised the first and has the second left to try.
    const exemplars = listExemplars(tx).slice(0, 2);
    interviewers.forEach((person, i) => {
      for (const exemplar of person === demoInterviewer ? exemplars.slice(0, 1) : exemplars) {
        const candidate = tx
          .insert(t.candidates)
          .values({ name: `Practice: ${exemplar.title}`, targetLevel: exemplar.level })
          .returning({ id: t.candidates.id })
          .get();
        const interview = tx
          .insert(t.interviews)
          .values({
            candidateId: candidate.id,
            exemplarId: exemplar.id,
            rubricVersionId: version.id,
            variantKey: "default",
            scheduledAt: new Date(today - (20 - i) * DAY + 14 * 3_600_000).toISOString(),
          })
          .returning({ id: t.interviews.id, scheduledAt: t.interviews.scheduledAt })
          .get();
        tx.insert(t.panelAssignments).values({ interviewId: interview.id, interviewerId: person.id }).run();
        insertScorecard(tx, random, version, interview, person, 0, "default", exemplar.referenceKey.ratings);
        practised++;
      }
    });
  }, db);
  // Debriefs with decisions and calibration conversations, through the models (app/seed/debriefs.server.ts).
  const loop = seedDebriefs(db, today);
  return {
    seeded: true,
    debriefs: loop.debriefs,
    users: DEMO_PEOPLE.length,
    candidates: candidateCount,
    submittedScorecards: submitted,
    practiceScorecards: practised,
  };
}

function insertScorecard(
  tx: Db,
  random: Random,
  version: { id: number; rubric: Rubric },
  interview: { id: number; scheduledAt: string },
  person: DemoPerson & { id: number },
  ability: number,
  variantKey: string,
  /** For practice: the reference key's ratings, in place of the candidate's ability. */
  keyRatings?: Record<string, number>,
) {
  const { rubric } = version;
  const card = simulateScorecard(random, rubric, {
    rater: person,
    ability,
    variantKey,
    scheduledAtMs: Date.parse(interview.scheduledAt),
    keyRatings,
  });
  const { id: scorecardId } = tx
    .insert(t.scorecards)
    .values({
      interviewId: interview.id,
      interviewerId: person.id,
      rubricVersionId: version.id,
      variantKey,
      status: "submitted",
      revision: card.revision,
      timerElapsedMs: card.timerElapsedMs,
      recommendation: card.recommendation,
      recommendationJustification: card.recommendationConflict ? RECOMMENDATION_JUSTIFICATION : "",
      weightedScore: card.weightedScore,
      createdAt: interview.scheduledAt,
      updatedAt: card.submittedAt,
      submittedAt: card.submittedAt,
    })
    .returning({ id: t.scorecards.id })
    .get();
  tx.insert(t.ratings)
    .values(
      rubric.dimensions.map((d) => ({
        scorecardId,
        dimensionKey: d.key,
        score: card.ratings[d.key],
        capJustification: card.cappedDimensions.has(d.key) ? CAP_JUSTIFICATION : "",
      })),
    )
    .run();
  if (card.redFlags.length)
    tx.insert(t.raisedRedFlags)
      .values(card.redFlags.map((flagKey) => ({ scorecardId, flagKey })))
      .run();
  const ticks = rubric.star.filter(() => random.chance(0.8));
  if (ticks.length)
    tx.insert(t.starTicks)
      .values(ticks.map((s) => ({ scorecardId, starKey: s.key })))
      .run();
  let elapsed = random.int(60, 240);
  const notes = rubric.dimensions
    .filter(() => random.chance(0.5))
    .map((d) => {
      elapsed += random.int(30, 400);
      return {
        scorecardId,
        clientId: `seed-${scorecardId}-${d.key}`,
        dimensionKey: d.key,
        elapsedSeconds: elapsed,
        text: random.pick(DEMO_NOTES[d.key] ?? ["Noted."]),
      };
    });
  if (notes.length) tx.insert(t.evidenceNotes).values(notes).run();
}

function startOfDayUtc(date: Date): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}
