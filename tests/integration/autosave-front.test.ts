// The scorecard's autosave answered by the HTTP front (app/server/autosave-front.ts) without
// Remix's routing, against the same post answered by the route's action through Remix: two
// servers of the same build over this file's database, one with the front's autosave path, one
// without it (the build's entry without answerAutosave, so every post goes to Remix as before).
// Each case runs on both, each on fresh people and interviews, and the replies must be the same:
// status, the headers the fetcher and the browser read, and the body. The front's path is counted,
// so a case the front should answer cannot silently pass through Remix instead, and the other way
// round.
import { request as httpRequest } from "node:http";
import type { ServerBuild } from "@remix-run/node";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import { deactivateUser } from "~/models/user.server";
import type { AnswerAutosave } from "~/utils/scorecard-autosave.server";
import { createInterview, createUser, sessionCookieFor } from "../support/factories";
import { jsonMutation, mutateJson } from "../support/fuzz-json";
import { startBuiltApp } from "../support/fuzz-server";
import { autosaveDraft, SCORECARD_DATA } from "../support/autosave-post";

type App = Awaited<ReturnType<typeof startBuiltApp>>;
let front: App;
let remixOnly: App;
/** How the front's autosave path ended, per request: answered, or left to Remix. */
const outcomes: ("answered" | "left to remix")[] = [];

const entryOf = (build: ServerBuild) =>
  build.entry.module as typeof build.entry.module & { answerAutosave?: AnswerAutosave };
beforeAll(async () => {
  front = await startBuiltApp((build) => {
    const answer = entryOf(build).answerAutosave;
    if (!answer) return build; // a build without the front's path: the counts below fail
    const counted: AnswerAutosave = async (post) => {
      const reply = await answer(post);
      outcomes.push(reply ? "answered" : "left to remix");
      return reply;
    };
    return { ...build, entry: { module: { ...build.entry.module, answerAutosave: counted } } };
  });
  remixOnly = await startBuiltApp((build) => {
    const { answerAutosave: _, ...entry } = entryOf(build);
    return { ...build, entry: { module: entry } };
  });
}, 300_000);
afterAll(async () => {
  await front?.close();
  await remixOnly?.close();
});
beforeEach(() => void (outcomes.length = 0));

/** The headers a fetcher or a browser acts on. */
const COMPARED = [
  "content-type",
  "x-remix-response",
  "x-remix-catch",
  "x-remix-redirect",
  "x-remix-status",
  "x-remix-error",
  "x-frame-options",
  "x-content-type-options",
  "referrer-policy",
  "cache-control",
  "connection",
];

interface Reply {
  status: number;
  headers: Record<string, string | undefined>;
  /** Parsed JSON where it is JSON, with the save's time taken out; else the text. */
  body: unknown;
  /** The Content-Security-Policy with its per-response nonce taken out. */
  csp: string | undefined;
}

function post(app: App, path: string, body: string, headers: Record<string, string>): Promise<Reply> {
  return new Promise((done, fail) => {
    const req = httpRequest(`${app.base}${path}`, { method: "POST", agent: false, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => {
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text, (key, value: unknown) => (key === "savedAt" ? typeof value : value));
        } catch {
          // not JSON: compared as text
        }
        const picked = Object.fromEntries(COMPARED.map((name) => [name, res.headers[name] as string | undefined]));
        const csp = (res.headers["content-security-policy"] as string | undefined)?.replace(/'nonce-[^']+'/, "nonce");
        done({ status: res.statusCode!, headers: picked, body: parsed, csp });
      });
    });
    req.on("error", fail);
    req.end(body);
  });
}

interface Seat {
  interviewId: number;
  cookie: string;
  userId: number;
}

async function seat(): Promise<Seat> {
  const me = await createUser();
  return { interviewId: createInterview({ panel: [me] }).id, cookie: await sessionCookieFor(me.id), userId: me.id };
}

/** Everything stored for an interview's scorecard. */
function stored(interviewId: number) {
  return getDb().all(sql`
    select s.revision, s.status,
      (select json_group_array(dimension_key || '=' || score) from ratings r where r.scorecard_id = s.id) as r,
      (select json_group_array(client_id || ':' || text) from evidence_notes n where n.scorecard_id = s.id) as n
    from scorecards s where s.interview_id = ${interviewId}`);
}

interface Case {
  /** Saves made first, through the app under test, to set the scene. */
  before?: (s: Seat) => Record<string, unknown>[];
  /** Run after the scene is set: e.g. revoke the session. */
  then?: (s: Seat) => void | Promise<void>;
  body: (s: Seat) => string;
  headers?: (s: Seat, app: App) => Record<string, string>;
  path?: (s: Seat) => string;
}

/** The case on one app, on a seat of its own: the final reply and what was stored. */
async function runOn(app: App, c: Case) {
  const s = await seat();
  const path = c.path?.(s) ?? `/interviews/${s.interviewId}/scorecard?${SCORECARD_DATA}`;
  const headers = {
    Cookie: s.cookie,
    Origin: app.base,
    "Content-Type": "application/json",
    ...c.headers?.(s, app),
  };
  for (const body of c.before?.(s) ?? []) {
    const reply = await post(app, `/interviews/${s.interviewId}/scorecard?${SCORECARD_DATA}`, JSON.stringify(body), {
      Cookie: s.cookie,
      Origin: app.base,
      "Content-Type": "application/json",
    });
    expect(reply.status).toBe(200);
  }
  await c.then?.(s);
  const before = stored(s.interviewId);
  outcomes.length = 0;
  const raw = await post(app, path, c.body(s), headers);
  // The seat's interview id differs between the two servers (a redirect back names it).
  const ids = new RegExp(`(interviews(?:/|%2F))${s.interviewId}\\b`, "g");
  const reply = JSON.parse(JSON.stringify(raw).replace(ids, "$1:id")) as Reply;
  return { reply, before, after: stored(s.interviewId), outcomes: [...outcomes] };
}

/** The case on both servers: the replies and the stores' changes must be the same. */
async function same(c: Case) {
  const viaFront = await runOn(front, c);
  const viaRemix = await runOn(remixOnly, c);
  expect(viaFront.reply).toEqual(viaRemix.reply);
  expect(viaFront.after).toEqual(viaRemix.after);
  expect(viaRemix.outcomes).toEqual([]);
  return viaFront;
}

describe("an autosave answered by the front is answered as the route's action answers it", () => {
  it("a good save: 200, the same reply, the same rows", async () => {
    const { reply, after, outcomes } = await same({ body: () => JSON.stringify(autosaveDraft()) });
    expect(outcomes).toEqual(["answered"]);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ autosave: true, kind: "saved", revision: 1, savedAt: "string" });
    expect(reply.headers["x-remix-response"]).toBe("yes");
    expect(reply.csp).toContain("script-src 'self' nonce");
    expect(after).toEqual([{ revision: 1, status: "draft", r: '["ownership=3"]', n: '["n1:Said I."]' }]);
  });

  it("a save on a revision the server never had: 409, nothing changed", async () => {
    const { reply, before, after, outcomes } = await same({
      before: () => [autosaveDraft()],
      body: () => JSON.stringify(autosaveDraft({ baseRevision: 7, ratings: { ownership: 1 } })),
    });
    expect(outcomes).toEqual(["answered"]);
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ autosave: true, kind: "refused" });
    expect(after).toEqual(before);
  });

  it("another rubric version than the stored one: 409, nothing changed", async () => {
    const { reply, before, after, outcomes } = await same({
      before: () => [autosaveDraft()],
      body: () => JSON.stringify(autosaveDraft({ baseRevision: 1, rubricVersionId: 999 })),
    });
    expect(outcomes).toEqual(["answered"]);
    expect(reply.status).toBe(409);
    expect(after).toEqual(before);
  });

  it("bad input: 400 with the field messages, nothing changed", async () => {
    const { reply, before, after, outcomes } = await same({
      before: () => [autosaveDraft()],
      body: () =>
        JSON.stringify(autosaveDraft({ baseRevision: 1, ratings: { ownership: 9 }, redFlags: ["no_such_flag"] })),
    });
    expect(outcomes).toEqual(["answered"]);
    expect(reply.status).toBe(400);
    const body = reply.body as { kind: string; errors: Record<string, string> };
    expect(body.kind).toBe("refused");
    expect(Object.keys(body.errors)).toEqual(expect.arrayContaining(["ratings.ownership"]));
    expect(after).toEqual(before);
  });

  it("a body that is not a scorecard object: 400, nothing stored", async () => {
    for (const text of ["[1,2]", '"text"', "42"]) {
      const { reply, after, outcomes } = await same({ body: () => text });
      expect(outcomes, text).toEqual(["left to remix"]); // no intent "save": the route refuses it
      expect(reply.status, text).toBe(400);
      expect(after).toEqual([]);
    }
  });
});

describe("hostile drafts", () => {
  const PATHS = [
    ["intent"],
    ["baseRevision"],
    ["rubricVersionId"],
    ["ratings"],
    ["ratings", "ownership"],
    ["redFlags"],
    ["notes"],
    ["notes", "0", "text"],
    ["timer", "elapsedMs"],
    [],
  ];
  it(
    "a valid draft changed in a few places: the same reply and the same rows both ways",
    { timeout: 60_000 },
    async () => {
      const seen: string[] = [];
      await fc.assert(
        fc.asyncProperty(fc.array(jsonMutation(PATHS), { minLength: 1, maxLength: 3 }), async (mutations) => {
          const text = JSON.stringify(mutateJson(autosaveDraft(), mutations));
          seen.push(...(await same({ body: () => text })).outcomes);
        }),
        { numRuns: 25 },
      );
      // Both paths were compared: drafts the front answered (saved or refused), and ones it left to Remix.
      expect(new Set(seen)).toEqual(new Set(["answered", "left to remix"]));
    },
  );
});

describe("what the front leaves to Remix is answered as before", () => {
  it("signed out: Remix's redirect to sign in, nothing stored", async () => {
    const { reply, after, outcomes } = await same({
      body: () => JSON.stringify(autosaveDraft()),
      headers: () => ({ Cookie: "" }),
    });
    expect(outcomes).toEqual(["left to remix"]);
    expect(reply.status).toBe(204);
    expect(reply.headers["x-remix-redirect"]).toMatch(/^\/login\?/);
    expect(after).toEqual([]);
  });

  it("a revoked session (the account deactivated): sent to sign in, nothing changed", async () => {
    const { reply, before, after, outcomes } = await same({
      before: () => [autosaveDraft()],
      then: (s) => void deactivateUser(s.userId),
      body: () => JSON.stringify(autosaveDraft({ baseRevision: 1, ratings: { ownership: 1 } })),
    });
    expect(outcomes).toEqual(["left to remix"]);
    expect(reply.status).toBe(204);
    expect(reply.headers["x-remix-redirect"]).toMatch(/^\/login\?/);
    expect(after).toEqual(before);
  });

  it("a seat not on the panel: 404, nothing stored", async () => {
    const { reply, after, outcomes } = await same({
      body: () => JSON.stringify(autosaveDraft()),
      path: () => `/interviews/${createInterview({ panel: [] }).id}/scorecard?${SCORECARD_DATA}`,
    });
    expect(outcomes).toEqual(["left to remix"]);
    expect(reply.status).toBe(404);
    expect(reply.headers["x-remix-catch"]).toBe("yes");
    expect(after).toEqual([]);
  });

  it("malformed JSON: the route's 400, nothing stored", async () => {
    const { reply, after, outcomes } = await same({ body: () => '{"intent":"save",' });
    expect(outcomes).toEqual(["left to remix"]);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ errors: { form: "The request body could not be read" } });
    expect(after).toEqual([]);
  });

  it("a submit stays the route's: the same refusal (nothing rated yet)", async () => {
    const { reply, outcomes } = await same({
      body: () => JSON.stringify(autosaveDraft({ intent: "submit", ratings: {} })),
    });
    expect(outcomes).toEqual(["left to remix"]);
    expect(reply.status).toBe(400);
  });

  it("a cross-site post: refused (403) before any save, nothing stored", async () => {
    const { reply, after, outcomes } = await same({
      body: () => JSON.stringify(autosaveDraft()),
      headers: () => ({ Origin: "https://evil.example" }),
    });
    expect(outcomes).toEqual([]);
    expect(reply.status).toBe(403);
    expect(after).toEqual([]);
  });

  it("a body over the limit: 413 before any of it is read, nothing stored", async () => {
    const { reply, after, outcomes } = await same({
      body: () => JSON.stringify(autosaveDraft({ recommendationJustification: "x".repeat(1100 * 1024) })),
    });
    expect(outcomes).toEqual([]);
    expect(reply.status).toBe(413);
    expect(after).toEqual([]);
  });

  it("another spelling of the URL (a trailing slash) goes to Remix, and is saved there", async () => {
    const { reply, outcomes } = await same({
      body: () => JSON.stringify(autosaveDraft()),
      path: (s) => `/interviews/${s.interviewId}/scorecard/?${SCORECARD_DATA}`,
    });
    expect(outcomes).toEqual([]);
    expect(reply.status).toBe(200);
  });
});
