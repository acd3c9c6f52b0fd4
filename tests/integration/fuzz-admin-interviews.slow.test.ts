// Hostile payloads against scheduling interviews and changing their panels.
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { describe, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { DEFAULT_RUBRIC } from "~/domain/rubric/default-rubric";
import { listActiveInterviewers } from "~/models/people.server";
import { action as interviewAction } from "~/routes/admin.interviews.$interviewId";
import { action as interviewsAction } from "~/routes/admin.interviews._index";
import { actor, formEncoding, formPayload, fuzzAction, hostileIdParam, SCRIPT, type Pairs } from "../support/fuzz-kit";
import {
  lockedInterviewId,
  unlockedInterviewId,
  practiceInterviewId,
  practiceCandidateId,
  candidateRow,
  send,
  adminOnly,
  ID_TOKENS,
  mostly,
  useAdminFuzzFixtures,
  checkboxes,
} from "../support/fuzz-admin";
import { panelOf } from "../support/factories";

useAdminFuzzFixtures("fuzz-admin-interviews");

describe("admin actions under hostile payloads", () => {
  it("interviews: schedule", { timeout: 60_000 }, async () => {
    const variants = DEFAULT_RUBRIC.variants.map((v) => v.key);
    const panel = fc.subarray(
      ["$I0", "$I1", "$I2", "$I3", "$I4", "$I0", "$GONE", "$LEAD", "$ADMIN", "$MISSING", "$CANDIDATE"],
      { maxLength: 7 },
    );
    const valid = fc
      .record({
        candidateId: mostly(
          ["$CANDIDATE"],
          ["$ERASED_CANDIDATE", "$PRACTICE_CANDIDATE", "$MISSING", "$I0", "$LOCKED_INTERVIEW"],
        ),
        variantKey: mostly(variants, ["no_such_variant", "", "DEFAULT", SCRIPT]),
        scheduledAt: mostly(
          ["2031-03-05T14:30", "2031-03-05T14:30:59"],
          ["2020-01-01T10:00", "2031-02-30T10:00", "2031-03-05 14:30", "2031-03-05T24:00", "2031-03-05T14:30Z", ""],
        ),
        durationMinutes: mostly(["60", "5", "480"], ["4", "481", "60.5", "-60", "", "1e2"]),
        panel: fc.oneof(
          { weight: 4, arbitrary: fc.subarray(["$I0", "$I1", "$I2", "$I3", "$I4"], { minLength: 2 }) },
          { weight: 1, arbitrary: panel },
        ),
      })
      .map((s): Pairs => [
        ["candidateId", s.candidateId],
        ["variantKey", s.variantKey],
        ["scheduledAt", s.scheduledAt],
        ["durationMinutes", s.durationMinutes],
        ...checkboxes("panel", s.panel),
      ]);
    const names = ["candidateId", "variantKey", "scheduledAt", "durationMinutes", "panel"];
    await fuzzAction(
      "admin interviews (schedule)",
      fc.record({ pairs: formPayload(valid, names), who: actor, encoding: formEncoding }),
      async ({ pairs, who, encoding }) =>
        send(interviewsAction, "/admin/interviews", {}, pairs, who, encoding, ID_TOKENS),
      {
        numRuns: 150,
        check: (res, { who }) => {
          adminOnly(res, who);
          if (res.status !== 302 || who !== "right") return;
          const id = Number(/^\/admin\/interviews\?scheduled=(\d+)$/.exec(res.headers.get("Location") ?? "")?.[1]);
          const interview = getDb().select().from(t.interviews).where(eq(t.interviews.id, id)).get();
          if (!interview) throw new Error(`redirected to ${res.headers.get("Location")}, no such interview`);
          const candidate = candidateRow(interview.candidateId);
          if (!candidate || candidate.erasedAt || interview.candidateId === practiceCandidateId)
            throw new Error(`scheduled for ${JSON.stringify(candidate)}`);
          const eligible = new Set(listActiveInterviewers().map((i) => i.id));
          const seated = panelOf(id);
          if (seated.length < 2 || seated.some((p) => !eligible.has(p)))
            throw new Error(`scheduled with panel ${seated}`);
        },
      },
    );
  });

  it("interviews: change the panel (locked once scoring started)", { timeout: 60_000 }, async () => {
    const valid = fc
      .record({
        intent: mostly(["panel"], ["delete", ""]),
        panel: fc.oneof(
          { weight: 4, arbitrary: fc.subarray(["$I0", "$I1", "$I2", "$I3", "$I4"], { minLength: 2 }) },
          {
            weight: 1,
            arbitrary: fc.subarray(
              ["$I0", "$I1", "$I2", "$I3", "$I4", "$I4", "$GONE", "$LEAD", "$ADMIN", "$MISSING", "$CANDIDATE"],
              { maxLength: 7 },
            ),
          },
        ),
      })
      .map((p): Pairs => [["intent", p.intent], ...checkboxes("panel", p.panel)]);
    const target = fc.oneof(
      { weight: 8, arbitrary: mostly(["$UNLOCKED", "$UNLOCKED", "$LOCKED"], ["$PRACTICE", "$MISSING"]) },
      { weight: 1, arbitrary: hostileIdParam },
    );
    const ids: Record<string, () => number> = {
      $UNLOCKED: () => unlockedInterviewId,
      $LOCKED: () => lockedInterviewId,
      $PRACTICE: () => practiceInterviewId,
      $MISSING: () => 987654,
    };
    let lockedPanel: number[] = [];
    await fuzzAction(
      "admin interview panel",
      fc.record({ pairs: formPayload(valid, ["intent", "panel"]), target, who: actor, encoding: formEncoding }),
      async ({ pairs, target, who, encoding }) => {
        const id = Object.hasOwn(ids, target) ? String(ids[target]()) : target;
        lockedPanel = panelOf(lockedInterviewId);
        return send(
          interviewAction,
          `/admin/interviews/${encodeURIComponent(id)}`,
          { interviewId: id },
          pairs,
          who,
          encoding,
          ID_TOKENS,
        );
      },
      {
        numRuns: 150,
        check: (res, { who, target }) => {
          adminOnly(res, who);
          if (panelOf(lockedInterviewId).join() !== lockedPanel.join())
            throw new Error(`the locked panel changed (answer ${res.status})`);
          if (res.status === 302 && who === "right" && target !== "$UNLOCKED" && !/^\d+$/.test(target))
            throw new Error(`changed the panel of ${target}`);
          if (res.status === 302 && who === "right" && panelOf(unlockedInterviewId).length < 2)
            throw new Error(`left a panel of ${panelOf(unlockedInterviewId)}`);
        },
      },
    );
  });
});
