// The dashboard names candidates by id: the views carry each candidate's id to the loader, which
// labels them as they are now and links their newest interview. Two candidates of one name keep
// their own links, and a candidate erased after the views were computed (a snapshot served while
// it refreshes) shows as erased and keeps the link, where a lookup by the old label found nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { eraseCandidate } from "~/models/candidate-erasure.server";
import { loader as overviewLoader } from "~/routes/calibration._index";
import { loader as queueLoader } from "~/routes/calibration.queue";
import { createInterview, createScorecard, createUser, request, sessionCookieFor } from "../support/factories";

let cookie: string;
let leadId: number;
const sams: { candidateId: number; interviewId: number }[] = [];

/** A submitted scorecard: `score` on every dimension and a recommendation on its side of it. */
function submit(interviewId: number, interviewerId: number, score: number) {
  const card = createScorecard({
    interviewId,
    interviewerId,
    submittedAt: "2026-01-20T10:00:00Z",
    recommendation: score >= 3 ? "strong_yes" : "strong_no",
  });
  getDb()
    .insert(t.ratings)
    .values(
      ["ownership", "accountability", "repair", "behavioural_change"].map((dimensionKey) => ({
        scorecardId: card.id,
        dimensionKey,
        score,
      })),
    )
    .run();
}

beforeAll(async () => {
  const lead = await createUser({ roles: ["lead"] });
  leadId = lead.id;
  cookie = await sessionCookieFor(lead.id);
  const harsh = await createUser({ name: "Harsh Rater" });
  const kind = await createUser({ name: "Kind Rater" });
  for (let k = 0; k < 2; k++) {
    // Same display name; each panel splits 1 against 4, so both are in the disagreement queue.
    const interview = createInterview({
      panel: [harsh, kind],
      candidateName: "Sam Lee",
      scheduledAt: new Date(Date.UTC(2026, 0, 10 + k)),
    });
    submit(interview.id, harsh.id, 1);
    submit(interview.id, kind.id, 4);
    sams.push({ candidateId: interview.candidateId, interviewId: interview.id });
  }
});

interface Linked {
  candidate: string;
  candidateId: number | null;
  interviewId: number | null;
}

async function queuePage(): Promise<{ queue: Linked[]; freshness: { refreshing: boolean } }> {
  const response = await queueLoader({
    request: await request("/calibration/queue", { cookie }),
    params: {},
    context: {},
  });
  return response.json();
}

async function overviewSplit(): Promise<Linked[]> {
  const response = await overviewLoader({
    request: await request("/calibration", { cookie }),
    params: {},
    context: {},
  });
  return ((await response.json()) as { split: Linked[] }).split;
}

const byId = (rows: Linked[], candidateId: number) => rows.find((r) => r.candidateId === candidateId);

describe("candidate links on the calibration dashboard", () => {
  it("links two candidates of one name each to their own interview", async () => {
    for (const rows of [(await queuePage()).queue, await overviewSplit()]) {
      for (const sam of sams) {
        expect(byId(rows, sam.candidateId)).toMatchObject({
          candidate: `Sam Lee #${sam.candidateId}`,
          interviewId: sam.interviewId,
        });
      }
    }
  });

  it("shows a candidate erased after the views were computed as erased, still linked to their interview", async () => {
    const [erased, kept] = sams;
    expect(eraseCandidate(erased.candidateId, leadId).kind).toBe("erased");
    // The first load after the erasure is served from the views computed before it.
    const stale = await queuePage();
    expect(stale.freshness.refreshing).toBe(true);
    for (const rows of [stale.queue, await overviewSplit()]) {
      // The pseudonym already carries the id: the label is the pseudonym alone, not "… #5 #5".
      expect(byId(rows, erased.candidateId)?.candidate).toBe(`Erased candidate #${erased.candidateId}`);
      expect(byId(rows, erased.candidateId)?.interviewId).toBe(erased.interviewId);
      expect(byId(rows, kept.candidateId)).toMatchObject({ interviewId: kept.interviewId });
    }
  });
});
