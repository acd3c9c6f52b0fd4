import { sql } from "drizzle-orm";
import type { Db } from "~db/client";
import { decisionOf, type Decision } from "~/domain/debrief-votes";
import { RECOMMENDATIONS, type Recommendation } from "~/domain/rubric/types";
import { recordConversation } from "~/models/conversation.server";
import { openDebrief, recordDecision, recordRevote } from "~/models/debrief.server";

// The demo's structured debriefs and calibration conversations, written through the models (so
// they are audited as a lead's would be). Deterministic: the same interviews, votes, re-votes and
// decisions on every seed; only the moments a row was written differ.

/** Debriefs on the newest real interviews whose whole panel has submitted. */
export const DEMO_DEBRIEFS = 30;
const DAY = 86_400_000;

const REASONS_TOWARD = [
  "The panel's notes on behavioural change were more concrete than mine; the mechanism is real.",
  "I had missed that the repair came a week late; the others' evidence moved me.",
  "Heard the ownership evidence again: it was 'we' throughout, so I move down.",
];
const REASON_AWAY = "After the discussion I am surer: the lesson has a checklist behind it, and it stuck.";

const position = (r: Recommendation) => RECOMMENDATIONS.indexOf(r);
const step = (r: Recommendation, by: number) =>
  RECOMMENDATIONS[Math.min(RECOMMENDATIONS.length - 1, Math.max(0, position(r) + by))];

export function seedDebriefs(db: Db, today: number): { debriefs: number; revotes: number; conversations: number } {
  const lead = db.get<{ id: number }>(sql`select id from users where email = 'lead@demo.test'`)!;
  const interviews = db
    .all<{ id: number; scheduled_at: string }>(
      sql`select i.id, i.scheduled_at from interviews i
        where i.exemplar_id is null and i.scheduled_at < ${new Date(today).toISOString()}
          and not exists (select 1 from panel_assignments p left join scorecards s
            on s.interview_id = p.interview_id and s.interviewer_id = p.interviewer_id
            where p.interview_id = i.id and (s.status is not 'submitted' or s.recommendation is null))
        order by i.scheduled_at desc, i.id desc limit ${DEMO_DEBRIEFS}`,
    )
    .reverse();
  let revotes = 0;
  let splits = 0;
  for (const interview of interviews) {
    const opened = openDebrief(interview.id, lead.id, db);
    if (opened.kind !== "ok") throw new Error(`seed: debrief of interview ${interview.id}: ${opened.message}`);
    const votes = db.all<{ interviewer_id: number; recommendation: Recommendation }>(
      sql`select interviewer_id, recommendation from debrief_votes where interview_id = ${interview.id} order by id`,
    );
    // The panel decides by the mean of its independent votes (strong no 0 … strong yes 3).
    const mean = votes.reduce((s, v) => s + position(v.recommendation), 0) / votes.length;
    const decision: Decision = mean > 1.5 ? "hire" : "no_hire";
    const minority = votes.filter((v) => decisionOf(v.recommendation) !== decision);
    if (minority.length > 0) {
      // Split panels: most minority voters come round after the discussion (toward the rest); every
      // third split one holds firmer instead (away), so both directions have examples.
      const k = splits++;
      for (const v of minority) {
        const away = k % 3 === 2;
        if (!away && k % 3 === 1) continue; // some keep their vote
        const toward = decision === "hire" ? 1 : -1;
        const recommendation = away ? step(v.recommendation, -toward) : step(v.recommendation, toward);
        if (recommendation === v.recommendation) continue;
        const result = recordRevote(
          interview.id,
          {
            interviewerId: v.interviewer_id,
            recommendation,
            reason: away ? REASON_AWAY : REASONS_TOWARD[k % REASONS_TOWARD.length],
          },
          lead.id,
          db,
        );
        if (result.kind === "ok") revotes++;
      }
    }
    recordDecision(
      interview.id,
      {
        decision,
        note:
          decision === "hire"
            ? "Clear ownership and a mechanism that stuck; the panel agrees on the level."
            : "The lesson stayed generic and the repair was late; not at the level this time.",
      },
      lead.id,
      { db, now: new Date(Date.parse(interview.scheduled_at) + DAY) },
    );
  }

  // Calibration conversations: one with a follow-up due now, one not due yet, one without.
  const idOf = (email: string) => db.get<{ id: number }>(sql`select id from users where email = ${email}`)!.id;
  const dayOf = (offsetDays: number) => new Date(today + offsetDays * DAY).toISOString().slice(0, 10);
  const conversations = [
    {
      interviewerId: idOf("jordan@demo.test"),
      effect: "lenient" as const,
      agreed: "Score against the anchors, not the candidate's energy; read the level-3 anchor aloud before rating 4.",
      heldOn: dayOf(-40),
      followUpOn: dayOf(-3),
    },
    {
      interviewerId: idOf("priya@demo.test"),
      effect: "halo" as const,
      agreed: "Rate each dimension from its own notes; write one note per dimension before any rating.",
      heldOn: dayOf(-20),
      followUpOn: dayOf(14),
    },
    {
      interviewerId: idOf("casey@demo.test"),
      effect: "severe" as const,
      agreed: "A clear, specific, first-person answer is a 3 even without a big scope; 2 is for hedged answers.",
      heldOn: dayOf(-90),
      followUpOn: "",
    },
  ];
  for (const c of conversations) {
    const result = recordConversation(c, lead.id, db);
    if (result.kind !== "ok") throw new Error(`seed: conversation: ${result.message}`);
  }
  return { debriefs: interviews.length, revotes, conversations: conversations.length };
}
