import { count } from "drizzle-orm";
import { writeTransaction, type Db } from "~db/client";
import * as t from "~db/schema";
import { seedDebriefs } from "./debriefs.server";
import { ensureSeedExemplars, listExemplars } from "~/models/exemplar.server";
import { ensureDefaultRubric, getLatestRubricVersion } from "~/models/rubric.server";
import { createRandom, type Random } from "~/domain/random";
import { computeWeightedScore, findCapViolations, findRecommendationConflict } from "~/domain/scoring";
import { LEVELS, type Recommendation, type Rubric } from "~/domain/rubric/types";
import { hashPassword } from "~/models/password.server";

// The demo organisation: deterministic (fixed seed), and shaped so the calibration dashboard has
// something true to find — one lenient, one harsh, one halo and one central-tendency interviewer,
// and an Amazon variant that is scored harsher on Repair.

export const DEMO_PASSWORD = "panel-demo";
export const DEMO_SIGN_INS = [
  { email: "lead@demo.test", roles: "recruiting lead and admin" },
  { email: "interviewer@demo.test", roles: "interviewer with upcoming interviews" },
];

type Style = "neutral" | "lenient" | "harsh" | "halo" | "central";
interface Person {
  email: string;
  name: string;
  roles: ("interviewer" | "lead" | "admin")[];
  style?: Style;
  severity?: number;
}

const PEOPLE: Person[] = [
  { email: "lead@demo.test", name: "Riley Morgan", roles: ["lead", "admin"] },
  { email: "lead2@demo.test", name: "Sam Okafor", roles: ["lead"] },
  { email: "interviewer@demo.test", name: "Alex Chen", roles: ["interviewer"], style: "neutral", severity: 0.05 },
  { email: "jordan@demo.test", name: "Jordan Lee", roles: ["interviewer"], style: "lenient", severity: 0.9 },
  { email: "casey@demo.test", name: "Casey Novak", roles: ["interviewer"], style: "harsh", severity: -0.9 },
  { email: "priya@demo.test", name: "Priya Nair", roles: ["interviewer"], style: "halo", severity: 0 },
  { email: "morgan@demo.test", name: "Morgan Diaz", roles: ["interviewer"], style: "central", severity: 0 },
  { email: "taylor@demo.test", name: "Taylor Brooks", roles: ["interviewer"], style: "neutral", severity: 0.15 },
  { email: "jamie@demo.test", name: "Jamie Fischer", roles: ["interviewer"], style: "neutral", severity: -0.15 },
  { email: "avery@demo.test", name: "Avery Kowalski", roles: ["interviewer"], style: "neutral", severity: 0.1 },
  { email: "quinn@demo.test", name: "Quinn Adebayo", roles: ["interviewer"], style: "neutral", severity: -0.1 },
  { email: "drew@demo.test", name: "Drew Santos", roles: ["interviewer"], style: "neutral", severity: 0.2 },
  { email: "kai@demo.test", name: "Kai Yamamoto", roles: ["interviewer"], style: "neutral", severity: -0.2 },
];

const FIRST = [
  "Ana",
  "Ben",
  "Chloe",
  "Dev",
  "Elif",
  "Farah",
  "Gabe",
  "Hana",
  "Ivan",
  "Jun",
  "Kemi",
  "Luis",
  "Maya",
  "Noor",
  "Omar",
  "Pia",
  "Ravi",
  "Sofia",
  "Theo",
  "Uma",
  "Vik",
  "Wen",
  "Yara",
  "Zoe",
];
const LAST = [
  "Abbott",
  "Bianchi",
  "Costa",
  "Dubois",
  "Eriksen",
  "Ferreira",
  "Gupta",
  "Haddad",
  "Ito",
  "Jensen",
  "Kim",
  "Larsen",
  "Mensah",
  "Nowak",
  "Ortiz",
  "Petrov",
  "Reyes",
  "Silva",
  "Tan",
  "Varga",
  "Weber",
  "Zhou",
];

const NOTES: Record<string, string[]> = {
  ownership: [
    "Named the decision in first person: skipped the design review.",
    'Said "we missed it" twice before owning it.',
    "Stakes clear: two weeks of frontend work lost.",
  ],
  accountability: [
    "Told their manager the same day.",
    "Root cause: assumed the other team watched the same doc.",
    "Apologised directly to the engineer.",
  ],
  repair: [
    "Rolled back within the hour.",
    "Paired three days with the affected team.",
    "Paused the PIP and agreed a flexible arrangement.",
  ],
  behavioural_change: [
    "Added a step to the manager playbook.",
    "Now messages downstream consumers on every contract change.",
    'Lesson stayed generic: "communicate more".',
  ],
};

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
  const hashes = await Promise.all(PEOPLE.map(() => hashPassword(DEMO_PASSWORD)));

  let submitted = 0;
  let candidateCount = 0;
  let practised = 0;
  writeTransaction((tx) => {
    const userIds = PEOPLE.map((p, i) => {
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
    const interviewers = PEOPLE.map((p, i) => ({ ...p, id: userIds[i] })).filter((p) =>
      p.roles.includes("interviewer"),
    );
    const demoInterviewer = interviewers.find((p) => p.email === "interviewer@demo.test")!;
    tx.insert(t.settings).values({ key: "independence", value: "after_submit" }).run();

    const schedule = (offsetMs: number, panel: typeof interviewers, variantKey: string) => {
      candidateCount++;
      const candidate = tx
        .insert(t.candidates)
        .values({ name: `${random.pick(FIRST)} ${random.pick(LAST)}`, targetLevel: random.pick(LEVELS) })
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
    users: PEOPLE.length,
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
  person: Person & { id: number },
  ability: number,
  variantKey: string,
  /** For practice: the reference key's ratings, in place of the candidate's ability. */
  keyRatings?: Record<string, number>,
) {
  const { rubric } = version;
  const { min, max } = rubric.scale;
  const clamp = (x: number, lo = min, hi = max) => Math.min(hi, Math.max(lo, Math.round(x)));
  const latent = rubric.dimensions.map((d) => {
    const variantEffect = variantKey === "amazon" && d.key === "repair" ? -0.9 : 0;
    const dimensionEffect = d.key === "behavioural_change" ? -0.2 : 0;
    const centre = keyRatings?.[d.key] ?? ability + dimensionEffect + variantEffect;
    return centre + (person.severity ?? 0) + random.normal(0, 0.45);
  });
  const haloScore = clamp(latent.reduce((a, b) => a + b, 0) / latent.length);
  const ratings: Record<string, number> = {};
  rubric.dimensions.forEach((d, i) => {
    ratings[d.key] =
      person.style === "halo" ? haloScore : person.style === "central" ? clamp(latent[i], 2, 3) : clamp(latent[i]);
  });

  const redFlags: string[] = [];
  if (ratings.ownership <= 2 && random.chance(0.4))
    redFlags.push(random.pick(["passive_voice", "blame_diffusion", "failure_not_mistake"]));
  if (ratings.behavioural_change <= 2 && random.chance(0.35))
    redFlags.push(random.pick(["no_mechanism", "generic_lesson"]));
  const capJustifications: Record<string, string> = {};
  for (const v of findCapViolations(rubric, { ratings, redFlags })) {
    capJustifications[v.dimension] = "Flag raised early; the rest of the answer earned the higher rating.";
  }

  const weighted = computeWeightedScore(rubric, variantKey, ratings).score!;
  const leaning = weighted + (person.severity ?? 0) * 0.3 + random.normal(0, 0.3);
  const recommendation: Recommendation =
    leaning >= 3.2 ? "strong_yes" : leaning >= 2.5 ? "yes" : leaning >= 1.8 ? "no" : "strong_no";
  const conflict = findRecommendationConflict(rubric, recommendation, weighted);

  const scheduled = Date.parse(interview.scheduledAt);
  const submittedAt = new Date(scheduled + (1 + random.int(0, 20)) * 3_600_000).toISOString();
  const card = tx
    .insert(t.scorecards)
    .values({
      interviewId: interview.id,
      interviewerId: person.id,
      rubricVersionId: version.id,
      variantKey,
      status: "submitted",
      revision: random.int(8, 40),
      timerElapsedMs: random.int(35, 48) * 60_000,
      recommendation,
      recommendationJustification: conflict ? "Strong signal in the follow-ups that the ratings alone miss." : "",
      weightedScore: weighted,
      createdAt: interview.scheduledAt,
      updatedAt: submittedAt,
      submittedAt,
    })
    .returning({ id: t.scorecards.id })
    .get();
  tx.insert(t.ratings)
    .values(
      rubric.dimensions.map((d) => ({
        scorecardId: card.id,
        dimensionKey: d.key,
        score: ratings[d.key],
        capJustification: capJustifications[d.key] ?? "",
      })),
    )
    .run();
  if (redFlags.length)
    tx.insert(t.raisedRedFlags)
      .values(redFlags.map((flagKey) => ({ scorecardId: card.id, flagKey })))
      .run();
  const ticks = rubric.star.filter(() => random.chance(0.8));
  if (ticks.length)
    tx.insert(t.starTicks)
      .values(ticks.map((s) => ({ scorecardId: card.id, starKey: s.key })))
      .run();
  let elapsed = random.int(60, 240);
  const notes = rubric.dimensions
    .filter(() => random.chance(0.5))
    .map((d) => {
      elapsed += random.int(30, 400);
      return {
        scorecardId: card.id,
        clientId: `seed-${card.id}-${d.key}`,
        dimensionKey: d.key,
        elapsedSeconds: elapsed,
        text: random.pick(NOTES[d.key] ?? ["Noted."]),
      };
    });
  if (notes.length) tx.insert(t.evidenceNotes).values(notes).run();
}

function startOfDayUtc(date: Date): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}
