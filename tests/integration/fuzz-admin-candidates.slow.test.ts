// Hostile payloads against adding and erasing candidates.
import fc from "fast-check";
import { describe, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { action as candidateAction } from "~/routes/admin.candidates.$candidateId";
import { action as candidatesAction } from "~/routes/admin.candidates._index";
import {
  actor,
  formEncoding,
  formPayload,
  fuzzAction,
  hostileIdParam,
  IMG_TAG,
  SCRIPT,
  type Pairs,
} from "../support/fuzz-kit";
import {
  interviewers,
  practiceCandidateId,
  erasedCandidateId,
  candidateRow,
  send,
  adminOnly,
  mostly,
  useAdminFuzzFixtures,
} from "../support/fuzz-admin";
import { createInterview } from "../support/factories";

useAdminFuzzFixtures("fuzz-admin-candidates");

describe("admin actions under hostile payloads", () => {
  it("candidates: add", { timeout: 60_000 }, async () => {
    const valid = fc
      .record({
        name: mostly(
          ["Casey Candidate", `Cand ${SCRIPT}`, `Cand ${IMG_TAG}`, "Zoë 日本", "c".repeat(120)],
          ["c".repeat(121), "   "],
        ),
        targetLevel: mostly(["mid", "senior", "staff"], ["principal", "", "SENIOR"]),
      })
      .map((c): Pairs => [
        ["name", c.name],
        ["targetLevel", c.targetLevel],
      ]);
    await fuzzAction(
      "admin candidates (add)",
      fc.record({ pairs: formPayload(valid, ["name", "targetLevel"]), who: actor, encoding: formEncoding }),
      async ({ pairs, who, encoding }) => send(candidatesAction, "/admin/candidates", {}, pairs, who, encoding),
      {
        numRuns: 150,
        check: (res, { who }) => {
          adminOnly(res, who);
          const id = /^\/admin\/candidates\/(\d+)$/.exec(res.headers.get("Location") ?? "")?.[1];
          if (res.status === 302 && who === "right" && !(id && candidateRow(Number(id))))
            throw new Error(`redirected to ${res.headers.get("Location")}, no such candidate`);
        },
      },
    );
  });

  it("candidates: erase", { timeout: 60_000 }, async () => {
    const valid = fc
      .record({
        intent: mostly(["erase"], ["delete", ""]),
        confirmation: mostly(["$NAME", "$NAME_SPACED"], ["$NAME_SHOUTED", "$OTHER_NAME", "", SCRIPT]),
      })
      .map((e): Pairs => [
        ["intent", e.intent],
        ["confirmation", e.confirmation],
      ]);
    const target = fc.oneof(
      { weight: 8, arbitrary: mostly(["$FRESH"], ["$ERASED", "$PRACTICE", "$MISSING"]) },
      { weight: 1, arbitrary: hostileIdParam },
    );
    const freshName = fc.constantFrom("Erin Erasable", `Erin ${SCRIPT}`, "Erin  van   Erase");
    let erasing = { id: 0, name: "" };
    await fuzzAction(
      "admin candidate erasure",
      fc.record({
        pairs: formPayload(valid, ["intent", "confirmation"]),
        target,
        name: freshName,
        who: actor,
        encoding: formEncoding,
      }),
      async ({ pairs, target, name, who, encoding }) => {
        let id = target;
        if (target === "$FRESH") {
          // A candidate with an interview and a started scorecard with a note: something to erase.
          const interview = createInterview({ panel: [interviewers[0], interviewers[1]], candidateName: name });
          const card = getDb()
            .insert(t.scorecards)
            .values({
              interviewId: interview.id,
              interviewerId: interviewers[0].id,
              rubricVersionId: 1,
              variantKey: "default",
              recommendationJustification: `About ${name}`,
            })
            .returning()
            .get();
          getDb()
            .insert(t.evidenceNotes)
            .values({
              scorecardId: card.id,
              clientId: "n-1",
              dimensionKey: "ownership",
              elapsedSeconds: 5,
              text: `${name} said so`,
            })
            .run();
          id = String(interview.candidate.id);
        } else if (target === "$ERASED") id = String(erasedCandidateId);
        else if (target === "$PRACTICE") id = String(practiceCandidateId);
        else if (target === "$MISSING") id = "987654";
        const row = /^\d{1,12}$/.test(id) ? candidateRow(Number(id)) : undefined;
        erasing = { id: row?.id ?? 0, name: row?.name ?? "" };
        const tokens = {
          $NAME: () => erasing.name,
          $NAME_SPACED: () => `  ${erasing.name.replace(/ /g, "   ")} `,
          $NAME_SHOUTED: () => erasing.name.toUpperCase(),
          $OTHER_NAME: () => "Sam Schedulable",
        };
        return send(
          candidateAction,
          `/admin/candidates/${encodeURIComponent(id)}`,
          { candidateId: id },
          pairs,
          who,
          encoding,
          tokens,
        );
      },
      {
        numRuns: 150,
        check: (res, { who, target }) => {
          adminOnly(res, who);
          if (res.status === 302 && who === "right") {
            if (["$ERASED", "$PRACTICE", "$MISSING"].includes(target)) throw new Error(`erased ${target}`);
            const row = candidateRow(erasing.id);
            if (!row?.erasedAt || row.name === erasing.name)
              throw new Error(`answered erased, but the row is ${JSON.stringify(row)}`);
            if (res.headers.get("Location") !== `/admin/candidates/${erasing.id}?erased=1`)
              throw new Error(`redirected to ${res.headers.get("Location")}`);
          }
        },
      },
    );
  });
});
