// Hostile payloads against every admin action: people, candidates and erasure, scheduling and
// panels, the rubric editor and the settings.
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { DEFAULT_RUBRIC } from "~/domain/rubric/default-rubric";
import { INDEPENDENCE_MODES } from "~/domain/independence";
import { ensureSeedExemplars, listExemplars, startPractice } from "~/models/exemplar.server";
import { listActiveInterviewers } from "~/models/people.server";
import { getLatestRubricVersion } from "~/models/rubric.server";
import { getIndependenceMode } from "~/models/settings.server";
import { deactivateUser } from "~/models/user.server";
import { action as candidateAction } from "~/routes/admin.candidates.$candidateId";
import { action as candidatesAction } from "~/routes/admin.candidates._index";
import { action as interviewAction } from "~/routes/admin.interviews.$interviewId";
import { action as interviewsAction } from "~/routes/admin.interviews._index";
import { action as peopleAction } from "~/routes/admin.people";
import { action as rubricAction } from "~/routes/admin.rubric";
import { action as settingsAction } from "~/routes/admin.settings";
import { toRubricFormValues, type RubricFormValues } from "~/domain/rubric/rubric-form-values";
import { createInterview, createUser, PASSWORD } from "../support/factories";
import { startBuiltApp } from "../support/fuzz-server";
import {
  actor,
  actorCookies,
  formEncoding,
  formMutation,
  formPayload,
  flattenForm,
  formRequest,
  fuzzAction,
  hostileIdParam,
  hostileString,
  IMG_TAG,
  mutatePairs,
  printTally,
  resolvePairs,
  SCRIPT,
  useHttpBase,
  type Action,
  type Actor,
  type Call,
  type FormEncoding,
  type FormMutation,
  type Pairs,
} from "../support/fuzz-kit";

type User = Awaited<ReturnType<typeof createUser>>;

let admin: User;
let cookieOf: (who: Actor) => string | undefined;
const interviewers: User[] = [];
let gone: User;
let leadOnly: User;
let lockedInterviewId: number;
let unlockedInterviewId: number;
let practiceInterviewId: number;
let practiceCandidateId: number;
let schedulableCandidateId: number;
let erasedCandidateId: number;
let emailSequence = 0;

const userRow = (id: number) => getDb().select().from(t.users).where(eq(t.users.id, id)).get();
const candidateRow = (id: number) => getDb().select().from(t.candidates).where(eq(t.candidates.id, id)).get();
const panelOf = (interviewId: number) =>
  getDb()
    .select({ id: t.panelAssignments.interviewerId })
    .from(t.panelAssignments)
    .where(eq(t.panelAssignments.interviewId, interviewId))
    .all()
    .map((p) => p.id)
    .sort((a, b) => a - b);

let close: (() => Promise<void>) | undefined;

beforeAll(async () => {
  const app = await startBuiltApp();
  close = app.close;
  useHttpBase(app.base);
  // Users 1–10 are bystanders: hostile values include small numbers ("1", " 7 ", "01"), which the
  // people actions may then change or deactivate. The fixtures below get higher ids.
  for (let i = 0; i < 10; i++) await createUser({ name: `Bystander ${i}` });
  admin = await createUser({ roles: ["admin"], name: "Ada Admin" });
  leadOnly = await createUser({ roles: ["lead"], name: "Lena Lead" }); // signed in, not an admin
  cookieOf = await actorCookies(admin, leadOnly);
  for (let i = 0; i < 5; i++) interviewers.push(await createUser({ name: `Panel ${i}` }));
  gone = await createUser({ name: "Gone Interviewer" });
  deactivateUser(gone.id);

  unlockedInterviewId = createInterview({ panel: [interviewers[0], interviewers[1]] }).id;
  // Scoring has started (a draft scorecard exists): the panel is locked.
  lockedInterviewId = createInterview({ panel: [interviewers[0], interviewers[1]] }).id;
  getDb()
    .insert(t.scorecards)
    .values({
      interviewId: lockedInterviewId,
      interviewerId: interviewers[0].id,
      rubricVersionId: 1,
      variantKey: "default",
    })
    .run();

  schedulableCandidateId = getDb()
    .insert(t.candidates)
    .values({ name: "Sam Schedulable", targetLevel: "mid" })
    .returning()
    .get().id;
  erasedCandidateId = getDb()
    .insert(t.candidates)
    .values({ name: "Erased 1", targetLevel: "staff", erasedAt: new Date().toISOString() })
    .returning()
    .get().id;

  // A practice interview (on a seed exemplar): not a real interview, nor its candidate a real candidate.
  ensureSeedExemplars(getDb());
  const practice = startPractice(listExemplars()[0].id, interviewers[2].id);
  if (practice.kind === "not_found") throw new Error("no exemplar to practise on");
  practiceInterviewId = practice.interviewId;
  practiceCandidateId = getDb().select().from(t.interviews).where(eq(t.interviews.id, practiceInterviewId)).get()!
    .candidateId;
}, 120_000);

afterAll(async () => {
  printTally("fuzz-admin");
  await close?.();
});

/** The request, with "$TOKEN" values resolved now (after any records prepare made). */
function send(
  act: Action,
  path: string,
  params: Record<string, string>,
  pairs: Pairs,
  who: Actor,
  encoding: FormEncoding,
  tokens: Record<string, () => string> = {},
): Call {
  return {
    action: act,
    request: formRequest(path, resolvePairs(pairs, tokens), { cookie: cookieOf(who), encoding }),
    params,
  };
}

/**
 * Checks on every answer, besides the property: only the admin gets anything done (someone signed in
 * without the role gets a 404, anyone else is sent to sign in), and a redirect never leaves the site.
 * A 405 is no answer from an admin action at all: over HTTP an id of ".." takes the path to /admin,
 * which has no action.
 */
function adminOnly(res: Response, who: Actor) {
  const location = res.headers.get("Location");
  if (location !== null && !/^\/(?![/\\])/.test(location))
    throw new Error(`redirected off the site: Location ${JSON.stringify(location)}`);
  if (who === "right" || res.status === 405) return;
  if (who === "wrong-role") {
    if (res.status !== 404)
      throw new Error(`a signed-in non-admin was answered ${res.status} ${location ?? ""}, not 404`);
  } else if (!(res.status === 302 && location?.startsWith("/login"))) {
    throw new Error(`a ${who} request was answered ${res.status} ${location ?? ""}, not sent to sign in`);
  }
}

/** Other records' ids, and ids of nothing, for any field that takes an id. */
const ID_TOKENS = {
  $ADMIN: () => String(admin.id),
  $LEAD: () => String(leadOnly.id),
  $GONE: () => String(gone.id),
  $I0: () => String(interviewers[0].id),
  $I1: () => String(interviewers[1].id),
  $I2: () => String(interviewers[2].id),
  $I3: () => String(interviewers[3].id),
  $I4: () => String(interviewers[4].id),
  $CANDIDATE: () => String(schedulableCandidateId),
  $ERASED_CANDIDATE: () => String(erasedCandidateId),
  $PRACTICE_CANDIDATE: () => String(practiceCandidateId),
  $LOCKED_INTERVIEW: () => String(lockedInterviewId),
  $PRACTICE_INTERVIEW: () => String(practiceInterviewId),
  $MISSING: () => "987654",
};

const checkboxes = (name: string, values: readonly string[]): Pairs => values.map((v): [string, string] => [name, v]);
/** A field of the valid post: one of the good values four times in five, else one of the bad ones. */
const mostly = <T>(good: readonly T[], bad: readonly T[]): fc.Arbitrary<T> =>
  fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...good) }, { weight: 1, arbitrary: fc.constantFrom(...bad) });

describe("admin actions under hostile payloads", () => {
  it("people: create, roles, deactivate", { timeout: 60_000 }, async () => {
    const roles = fc.oneof(
      { weight: 4, arbitrary: fc.subarray(["interviewer", "lead", "admin"], { minLength: 1 }) },
      {
        weight: 1,
        arbitrary: fc.subarray(["interviewer", "lead", "admin", "interviewer", "superuser"], { maxLength: 4 }),
      },
    );
    const create = fc
      .record({
        name: mostly(["Pat Person", `Ann ${SCRIPT}`, `Bo ${IMG_TAG}`, "n".repeat(80)], ["n".repeat(81), "  "]),
        email: mostly(
          ["$NEW_EMAIL"],
          ["$TAKEN_EMAIL", "$TAKEN_EMAIL_SHOUTED", "not-an-email", `${SCRIPT}@example.test`],
        ),
        roles,
        passwordMode: mostly(["generate", "set"], ["", "ask"]),
        password: mostly([PASSWORD, "p".repeat(200)], ["short", "p".repeat(201), ""]),
      })
      .map((p): Pairs => [
        ["intent", "create"],
        ["name", p.name],
        ["email", p.email],
        ...checkboxes("roles", p.roles),
        ["passwordMode", p.passwordMode],
        ["password", p.password],
      ]);
    const target = mostly(["$TARGET"], ["$SELF", "$GONE", "$MISSING", "$CANDIDATE", "0"]);
    const changeRoles = fc
      .record({ userId: target, roles })
      .map((p): Pairs => [["intent", "roles"], ["userId", p.userId], ...checkboxes("roles", p.roles)]);
    const deactivate = target.map((userId): Pairs => [
      ["intent", "deactivate"],
      ["userId", userId],
    ]);
    const valid = fc.oneof(create, changeRoles, deactivate);
    const names = ["intent", "name", "email", "roles", "passwordMode", "password", "userId"];
    await fuzzAction(
      "admin people (create, roles, deactivate)",
      fc.record({ pairs: formPayload(valid, names), who: actor, encoding: formEncoding }),
      async ({ pairs, who, encoding }) => {
        // A fresh person to change or deactivate, so the fixtures keep their roles.
        const victim = pairs.some(([, v]) => v === "$TARGET") ? await createUser({ name: "Victim" }) : null;
        const tokens = {
          ...ID_TOKENS,
          $NEW_EMAIL: () => `fuzz${++emailSequence}@example.test`,
          $TAKEN_EMAIL: () => interviewers[3].email,
          $TAKEN_EMAIL_SHOUTED: () => ` ${interviewers[3].email.toUpperCase()} `,
          $TARGET: () => String(victim?.id ?? 987654),
          $SELF: () => String(admin.id),
        };
        return send(peopleAction, "/admin/people", {}, pairs, who, encoding, tokens);
      },
      {
        numRuns: 200,
        check: async (res, { pairs, who }, changed) => {
          adminOnly(res, who);
          const self = userRow(admin.id);
          if (!self?.active) throw new Error(`the admin deactivated their own account (answer ${res.status})`);
          const text = await res.clone().text();
          // What was typed comes back, never the password that was set (unless it was also typed elsewhere).
          const typedElsewhere = pairs.some(([k, v]) => k !== "password" && v.includes(PASSWORD));
          if (
            !typedElsewhere &&
            pairs.some(([k, v]) => k === "password" && v === PASSWORD) &&
            text.includes(PASSWORD)
          ) {
            throw new Error(`the password came back: ${text.slice(0, 300)}`);
          }
          if (res.status !== 200 || !res.headers.get("Content-Type")?.includes("json")) return;
          const body = JSON.parse(text) as { created?: { id: number; email: string } };
          if (body.created) {
            const row = userRow(body.created.id);
            if (!row || row.email !== body.created.email || row.email !== row.email.trim().toLowerCase())
              throw new Error(`created ${JSON.stringify(body.created)} but stored ${JSON.stringify(row)}`);
            if (!changed.some((c) => c.startsWith("audit_log")))
              throw new Error("a person was created without an audit entry");
          }
        },
      },
    );
  });

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

  it("rubric: save a new version", { timeout: 90_000 }, async () => {
    // The form's own field names, the top-level ones (the version edited, the note) weighted up.
    const formNames = flattenForm(toRubricFormValues(DEFAULT_RUBRIC, 1) as unknown as Record<string, unknown>).map(
      ([k]) => k,
    );
    const names = [
      ...Array<string>(6).fill("baseVersionId"),
      ...Array<string>(4).fill("note"),
      ...DEFAULT_RUBRIC.dimensions.flatMap((_, i) => [
        `dimensions.${i}.weight`,
        `dimensions.${i}.name`,
        `dimensions.${i}.key`,
      ]),
      "dimensions",
      "redFlags",
      "variants",
      "variants.0.ownWeights",
      "variants.1.weights",
      ...formNames,
    ];
    const text = mostly(["Edited wording.", `Edited ${SCRIPT}`, IMG_TAG], ["w".repeat(61), "w".repeat(401), "", "   "]);
    const edit = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record({
          kind: fc.constant("reweight" as const),
          from: fc.nat(3),
          to: fc.nat(3),
          by: mostly([1, 5, 20], [40]),
        }),
      },
      {
        weight: 4,
        arbitrary: fc.record({
          kind: fc.constant("text" as const),
          field: fc.constantFrom(
            "dimension.name",
            "dimension.covers",
            "anchor.text",
            "flag.name",
            "flag.description",
            "variant.question",
            "variant.focus",
            "variant.company",
            "variant.name",
            "dimension.probes",
          ),
          index: fc.nat(20),
          value: text,
        }),
      },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant("drop-flag" as const), index: fc.nat(20) }) },
      {
        weight: 1,
        arbitrary: fc.record({
          kind: fc.constant("add-flag" as const),
          key: mostly(["rehearsed", "over_rehearsed"], ["fake_mistake", "Bad Key", SCRIPT]),
          dimension: mostly(["ownership", "repair"], ["charisma"]),
          max: mostly(["2", "3"], ["7", "0", "two"]),
        }),
      },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant("drop-variant" as const), index: fc.nat(20) }) },
      {
        weight: 1,
        arbitrary: fc.record({
          kind: fc.constant("add-variant" as const),
          key: mostly(["acme", "acme_two"], ["meta", "Big Co", ""]),
          question: text,
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({ kind: fc.constant("own-weights" as const), index: fc.nat(20), shift: mostly([0], [5]) }),
      },
      { weight: 1, arbitrary: fc.constant({ kind: "drop-dimension" as const }) },
      {
        weight: 1,
        arbitrary: fc.record({
          kind: fc.constant("add-dimension" as const),
          key: mostly(["curiosity"], ["ownership", "Bad Key"]),
          weight: fc.constantFrom(5, 10),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({ kind: fc.constant("many-probes" as const), index: fc.nat(3), count: mostly([8], [9]) }),
      },
      {
        weight: 1,
        arbitrary: fc.record({
          kind: fc.constant("anchor-score" as const),
          index: fc.nat(3),
          score: fc.constantFrom("1", "0", "5", "2", "", "1.5"),
        }),
      },
    );
    type Edit = typeof edit extends fc.Arbitrary<infer E> ? E : never;
    const at = <T>(list: T[], i: number): T | undefined => (list.length ? list[i % list.length] : undefined);
    function apply(v: RubricFormValues, e: Edit) {
      switch (e.kind) {
        case "reweight": {
          const from = v.dimensions[e.from % v.dimensions.length];
          const to = v.dimensions[e.to % v.dimensions.length];
          from.weight = Number(from.weight) - e.by;
          to.weight = Number(to.weight) + e.by;
          break;
        }
        case "text": {
          const [what, field] = e.field.split(".");
          if (what === "anchor") {
            const d = at(v.dimensions, e.index);
            const a = d && at(d.anchors, e.index);
            if (a) a.text = e.value;
          } else {
            const list = (what === "dimension"
              ? v.dimensions
              : what === "flag"
                ? v.redFlags
                : v.variants) as unknown as Record<string, unknown>[];
            const item = at(list, e.index);
            if (item) item[field] = e.value;
          }
          break;
        }
        case "drop-flag":
          if (v.redFlags.length) v.redFlags.splice(e.index % v.redFlags.length, 1);
          break;
        case "add-flag":
          v.redFlags.push({
            key: e.key,
            name: "Rehearsed script",
            description: "Recites a polished story.",
            caps: [{ dimension: e.dimension, max: e.max }],
            source: "Panel feedback",
          });
          break;
        case "drop-variant":
          if (v.variants.length) v.variants.splice(e.index % v.variants.length, 1);
          break;
        case "add-variant":
          v.variants.push({
            key: e.key,
            company: "Acme",
            name: "Acme — speed",
            focus: "Speed",
            question: e.question,
            probes: "How fast did you own it?",
            ownWeights: false,
            weights: {},
            rationale: "Asked by Acme's panels",
          });
          break;
        case "own-weights": {
          const variant = at(v.variants, e.index);
          if (!variant) break;
          variant.ownWeights = true;
          variant.weights = Object.fromEntries(
            v.dimensions.map((d, i) => [d.key, Number(d.weight) + (i === 0 ? e.shift : 0)]),
          );
          break;
        }
        case "drop-dimension":
          v.dimensions.pop();
          break;
        case "add-dimension": {
          const anchors = [1, 2, 3, 4].map((score) => ({ score, text: `Level ${score}` }));
          v.dimensions.push({
            key: e.key,
            name: "Curiosity",
            weight: e.weight,
            covers: "Asks why it happened.",
            anchors,
            probes: "",
            source: "Panel feedback",
          });
          v.dimensions[0].weight = Number(v.dimensions[0].weight) - e.weight;
          break;
        }
        case "many-probes":
          v.dimensions[e.index % v.dimensions.length].probes = Array.from(
            { length: e.count },
            (_, i) => `Probe ${i}?`,
          ).join("\n");
          break;
        case "anchor-score":
          v.dimensions[e.index % v.dimensions.length].anchors[0].score = e.score;
          break;
      }
    }
    const payload = fc.record({
      edits: fc.oneof(
        { weight: 6, arbitrary: fc.array(edit, { minLength: 1, maxLength: 3 }) },
        { weight: 1, arbitrary: fc.constant([]) },
      ),
      note: mostly(["Fuzzed edit", `Note ${SCRIPT}`, "n".repeat(300)], ["", "  ", "n".repeat(301)]),
      base: fc.oneof(
        { weight: 6, arbitrary: fc.constant("$LATEST") },
        { weight: 2, arbitrary: fc.constant("$STALE") },
        { weight: 1, arbitrary: fc.constantFrom("$FUTURE", "0", "abc", "") },
      ),
      mutations: fc.oneof(
        { weight: 4, arbitrary: fc.constant<FormMutation[]>([]) },
        { weight: 5, arbitrary: fc.array(formMutation(names), { minLength: 1, maxLength: 3 }) },
      ),
      // Now and then fields that have nothing to do with the form, instead of it.
      hostile: fc.oneof(
        { weight: 11, arbitrary: fc.constant(null) },
        {
          weight: 1,
          arbitrary: fc.array(fc.tuple(fc.constantFrom(...names.slice(0, 40)), hostileString), { maxLength: 6 }),
        },
      ),
      who: actor,
      encoding: formEncoding,
    });
    let latestBefore = 0;
    await fuzzAction(
      "admin rubric (new version)",
      payload,
      async ({ edits, note, base, mutations, hostile, who, encoding }) => {
        const latest = getLatestRubricVersion();
        latestBefore = latest.id;
        const values = structuredClone(toRubricFormValues(latest.rubric, latest.id));
        for (const e of edits) apply(values, e);
        values.note = note;
        values.baseVersionId = base;
        const pairs = hostile ?? mutatePairs(flattenForm(values as unknown as Record<string, unknown>), mutations);
        const tokens = {
          $LATEST: () => String(latest.id),
          $STALE: () => String(latest.id > 1 ? latest.id - 1 : 0),
          $FUTURE: () => String(latest.id + 1),
        };
        return send(rubricAction, "/admin/rubric", {}, pairs, who, encoding, tokens);
      },
      {
        numRuns: 150,
        check: (res, { who, base }) => {
          adminOnly(res, who);
          const latest = getLatestRubricVersion().id;
          if (res.status === 302 && who === "right") {
            if (res.headers.get("Location") !== `/admin/rubric?saved=${latest}` || latest !== latestBefore + 1) {
              throw new Error(`answered ${res.headers.get("Location")}, latest version ${latestBefore} -> ${latest}`);
            }
          } else if (latest !== latestBefore)
            throw new Error(`a new version ${latest} without a redirect (answer ${res.status})`);
          if (base === "$STALE" && latestBefore > 1 && res.status === 302 && who === "right")
            throw new Error("saved over a stale version");
        },
      },
    );
  });

  it("settings: independence", { timeout: 60_000 }, async () => {
    const valid = mostly(INDEPENDENCE_MODES, ["sometimes", "", "NEVER", "never "]).map((mode): Pairs => [
      ["independence", mode],
    ]);
    let before = getIndependenceMode();
    await fuzzAction(
      "admin settings",
      fc.record({ pairs: formPayload(valid, ["independence"]), who: actor, encoding: formEncoding }),
      async ({ pairs, who, encoding }) => {
        before = getIndependenceMode();
        return send(settingsAction, "/admin/settings", {}, pairs, who, encoding);
      },
      {
        numRuns: 150,
        check: (res, { who }, changed) => {
          adminOnly(res, who);
          const now = getIndependenceMode();
          if (res.status === 302 && who === "right" && res.headers.get("Location") !== "/admin/settings?saved=1")
            throw new Error(`redirected to ${res.headers.get("Location")}`);
          if (now !== before && !(res.status === 302 && who === "right"))
            throw new Error(`the mode changed ${before} -> ${now}, answered ${res.status}`);
          if (now !== before && !changed.some((c) => c.startsWith("audit_log")))
            throw new Error("the mode changed without an audit entry");
          if (now === before && changed.length) throw new Error(`nothing changed, but ${changed.join(", ")} did`);
        },
      },
    );
  });
});
