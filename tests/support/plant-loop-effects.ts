// Plants one interviewer per lead's-loop effect on top of the demo data (and two with too little
// evidence to be listed), written through the same tables the app writes. Deterministic.
import { eq } from "drizzle-orm";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { listExemplars } from "~/models/exemplar.server";
import { getLatestRubricVersion } from "~/models/rubric.server";
import type { Recommendation } from "~/domain/rubric/types";
import { createUser } from "./factories";

const DAY = 86_400_000;

export interface Planted {
  over: number;
  under: number;
  practice: number;
  amends: number;
  overdue: number;
  disagrees: number;
  /** Two amended of two scorecards and four far practice ratings: too little evidence to list. */
  thinAmends: number;
  thinPractice: number;
}

export async function plantLoopEffects(now: Date): Promise<Planted> {
  const db = getDb();
  const version = getLatestRubricVersion();
  const dimensions = version.rubric.dimensions.map((d) => d.key);
  const peer = (email: string) => db.select().from(t.users).where(eq(t.users.email, email)).get()!;
  const [taylor, jamie, avery, quinn, drew, kai] = ["taylor", "jamie", "avery", "quinn", "drew", "kai"].map((n) =>
    peer(`${n}@demo.test`),
  );
  const make = (name: string) =>
    createUser({ roles: ["interviewer"], name, email: `${name.split(" ")[0].toLowerCase()}@plant.test` });
  const planted: Planted = {
    over: (await make("Rosa Over")).id,
    under: (await make("Uri Under")).id,
    practice: (await make("Pat Practice")).id,
    amends: (await make("Amy Amends")).id,
    overdue: (await make("Oli Overdue")).id,
    disagrees: (await make("Dee Disagrees")).id,
    thinAmends: (await make("Tim Thin")).id,
    thinPractice: (await make("Tia Thin")).id,
  };
  let day = 40;
  const interview = (panel: number[], exemplarId: number | null = null, name = "Planted") => {
    const when = new Date(now.getTime() - day-- * DAY + 10 * 3_600_000);
    const candidate = db.insert(t.candidates).values({ name, targetLevel: "senior" }).returning().get();
    const row = db
      .insert(t.interviews)
      .values({
        candidateId: candidate.id,
        exemplarId,
        rubricVersionId: version.id,
        variantKey: "default",
        scheduledAt: when.toISOString(),
      })
      .returning()
      .get();
    db.insert(t.panelAssignments)
      .values(panel.map((interviewerId) => ({ interviewId: row.id, interviewerId })))
      .run();
    return row;
  };
  const card = (
    interviewId: number,
    interviewerId: number,
    opts: {
      flags?: number;
      scores?: number[];
      recommendation?: Recommendation;
      amended?: boolean;
      submitted?: boolean;
    } = {},
  ) => {
    const row = db.select().from(t.interviews).where(eq(t.interviews.id, interviewId)).get()!;
    const submittedAt = new Date(Date.parse(row.scheduledAt) + 2 * 3_600_000).toISOString();
    const submitted = opts.submitted ?? true;
    const id = db
      .insert(t.scorecards)
      .values({
        interviewId,
        interviewerId,
        rubricVersionId: version.id,
        variantKey: "default",
        status: submitted ? "submitted" : "draft",
        submittedAt: submitted ? submittedAt : null,
        recommendation: opts.recommendation ?? "yes",
        weightedScore: 3,
        revision: 2,
      })
      .returning()
      .get().id;
    db.insert(t.ratings)
      .values(dimensions.map((dimensionKey, k) => ({ scorecardId: id, dimensionKey, score: opts.scores?.[k] ?? 3 })))
      .run();
    const flags = ["passive_voice", "blame_diffusion", "generic_lesson"].slice(0, opts.flags ?? 0);
    if (flags.length)
      db.insert(t.raisedRedFlags)
        .values(flags.map((flagKey) => ({ scorecardId: id, flagKey })))
        .run();
    if (submitted)
      db.insert(t.scorecardRevisions)
        .values({ scorecardId: id, revision: 1, snapshot: {}, createdBy: interviewerId, createdAt: submittedAt })
        .run();
    if (opts.amended)
      db.insert(t.scorecardRevisions)
        .values({
          scorecardId: id,
          revision: 2,
          snapshot: {},
          reason: "Moved after reading the panel",
          afterSeeingOthers: true,
          createdBy: interviewerId,
        })
        .run();
    return id;
  };

  // Red flags: Rosa raises three on every card where her co-panellists raise none; Uri none where
  // his raise two each.
  for (let k = 0; k < 8; k++) {
    const i = interview([planted.over, taylor.id, jamie.id]);
    card(i.id, planted.over, { flags: 3 });
    card(i.id, taylor.id);
    card(i.id, jamie.id);
    const j = interview([planted.under, avery.id, quinn.id]);
    card(j.id, planted.under);
    card(j.id, avery.id, { flags: 2 });
    card(j.id, quinn.id, { flags: 2 });
  }
  // Amends: Amy amends 5 of 8 after seeing the panel; Tim 2 of 2 (too few scorecards).
  for (let k = 0; k < 8; k++) {
    const i = interview([planted.amends, drew.id, kai.id]);
    card(i.id, planted.amends, { amended: k < 5 });
    card(i.id, drew.id);
    card(i.id, kai.id);
  }
  for (let k = 0; k < 2; k++) {
    const i = interview([planted.thinAmends, drew.id]);
    card(i.id, planted.thinAmends, { amended: true });
    card(i.id, drew.id);
  }
  // Overdue: Oli leaves 5 of 8 scorecards unsubmitted (two as drafts).
  for (let k = 0; k < 8; k++) {
    const i = interview([planted.overdue, taylor.id, avery.id]);
    if (k >= 5) card(i.id, planted.overdue);
    else if (k < 2) card(i.id, planted.overdue, { submitted: false });
    card(i.id, taylor.id);
    card(i.id, avery.id);
  }
  // Decisions: Dee's independent vote argues against the decision in 5 of 6 debriefs.
  const lead = db.select().from(t.users).where(eq(t.users.email, "lead@demo.test")).get()!;
  for (let k = 0; k < 6; k++) {
    const i = interview([planted.disagrees, quinn.id, jamie.id]);
    const against = k < 5;
    card(i.id, planted.disagrees, { recommendation: against ? "strong_yes" : "no" });
    card(i.id, quinn.id, { recommendation: "no" });
    card(i.id, jamie.id, { recommendation: "strong_no" });
    db.insert(t.debriefs)
      .values({
        interviewId: i.id,
        openedBy: lead.id,
        decision: "no_hire",
        decidedBy: lead.id,
        decidedAt: new Date(now.getTime() - day * DAY).toISOString(),
      })
      .run();
    db.insert(t.debriefVotes)
      .values(
        [
          [planted.disagrees, against ? "strong_yes" : "no"],
          [quinn.id, "no"],
          [jamie.id, "strong_no"],
        ].map(([interviewerId, recommendation]) => ({
          interviewId: i.id,
          interviewerId: interviewerId as number,
          round: "independent" as const,
          recommendation: recommendation as Recommendation,
          recordedBy: lead.id,
        })),
      )
      .run();
  }
  // Practice: Pat lands two points from the key on every dimension of both exemplars; Tia the
  // same on one exemplar only (4 ratings: too few).
  const far = (key: number) => (key >= 3 ? 1 : 4);
  for (const [who, exemplars] of [
    [planted.practice, listExemplars().slice(0, 2)],
    [planted.thinPractice, listExemplars().slice(0, 1)],
  ] as const) {
    for (const exemplar of exemplars) {
      const i = interview([who], exemplar.id, `Practice: ${exemplar.title}`);
      card(i.id, who, { scores: dimensions.map((d) => far(exemplar.referenceKey.ratings[d])) });
    }
  }
  db.insert(t.auditLog).values({ actorId: lead.id, action: "test.planted", entity: "test", entityId: 0 }).run();
  return planted;
}
