// The autosave over the real HTTP front (createApp + the built app, in-process), as the page's
// fetcher sends it: a JSON body to the scorecard route's `?_data=` action. The front reads that
// body off the socket itself (app/server/json-body.ts) and hands the action its text, instead of
// Remix's web stream; these check that the body read that way is accepted, validated and refused
// exactly as before, and that the no-JavaScript form post and other bodies are left to Remix.
import { request as httpRequest } from "node:http";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import { action } from "~/routes/interviews.$interviewId.scorecard";
import { createInterview, createUser, sessionCookieFor } from "../support/factories";
import { startBuiltApp } from "../support/fuzz-server";
import { autosaveDraft, SCORECARD_DATA } from "../support/autosave-post";

let app: Awaited<ReturnType<typeof startBuiltApp>>;
beforeAll(async () => {
  app = await startBuiltApp();
}, 300_000);
afterAll(() => app?.close());

let cookie: string;
let interviewId: number;
beforeEach(async () => {
  const me = await createUser();
  interviewId = createInterview({ panel: [me] }).id;
  cookie = await sessionCookieFor(me.id);
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One request; `chunks` are written one by one (no Content-Length: chunked), else `body` at once. */
function send(
  path: string,
  opts: { body?: string; chunks?: string[]; type?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  return new Promise((done, fail) => {
    const req = httpRequest(
      `${app.base}${path}`,
      {
        method: "POST",
        agent: false,
        headers: {
          Cookie: cookie,
          Origin: app.base,
          "Content-Type": opts.type ?? "application/json",
          ...opts.headers,
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => done({ status: res.statusCode!, headers: res.headers, text }));
      },
    );
    req.on("error", fail);
    for (const chunk of opts.chunks ?? []) req.write(chunk);
    req.end(opts.body);
  });
}

/** Everything stored for this interview's scorecard. */
function stored() {
  return getDb().all(sql`
    select s.revision, s.recommendation,
      (select json_group_array(dimension_key || '=' || score) from ratings r where r.scorecard_id = s.id) as r,
      (select json_group_array(flag_key) from raised_red_flags f where f.scorecard_id = s.id) as f,
      (select json_group_array(client_id || ':' || text) from evidence_notes n where n.scorecard_id = s.id) as n
    from scorecards s where s.interview_id = ${interviewId}`);
}

const autosave = (opts: Parameters<typeof send>[1]) =>
  send(`/interviews/${interviewId}/scorecard?${SCORECARD_DATA}`, opts);

describe("the autosave's JSON body over HTTP", () => {
  it("is saved, and the next save on its revision too", async () => {
    const first = await autosave({ body: JSON.stringify(autosaveDraft()) });
    expect(first.status).toBe(200);
    expect(JSON.parse(first.text)).toMatchObject({ autosave: true, kind: "saved", revision: 1 });
    const second = await autosave({
      body: JSON.stringify(autosaveDraft({ baseRevision: 1, ratings: { ownership: 4 } })),
    });
    expect(JSON.parse(second.text)).toMatchObject({ kind: "saved", revision: 2 });
    expect(stored()).toEqual([
      { revision: 2, recommendation: null, r: '["ownership=4"]', f: '["passive_voice"]', n: '["n1:Said I."]' },
    ]);
  });

  it("arriving in several chunks (no Content-Length) is read whole", async () => {
    const text = JSON.stringify(autosaveDraft());
    const reply = await autosave({ chunks: [text.slice(0, 50), text.slice(50, 120), text.slice(120)] });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.text)).toMatchObject({ kind: "saved", revision: 1 });
  });

  it("malformed JSON: 400 with a message, nothing stored", async () => {
    const reply = await autosave({ body: '{"intent":"save","baseRevision":0,' });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.text)).toMatchObject({
      autosave: true,
      kind: "refused",
      errors: { form: "The request body could not be read" },
    });
    expect(stored()).toEqual([]);
  });

  it("JSON that is not an object: 400, nothing stored", async () => {
    for (const body of ["[1,2]", "null", '"text"', "42"]) {
      const reply = await autosave({ body });
      expect(reply.status, body).toBe(400);
      expect(JSON.parse(reply.text).kind).toBe("refused");
    }
    expect(stored()).toEqual([]);
  });

  it("is validated like the form body: a bad field is a 400 with its field message, and nothing changes", async () => {
    await autosave({ body: JSON.stringify(autosaveDraft()) });
    const before = stored();
    const reply = await autosave({
      body: JSON.stringify(autosaveDraft({ baseRevision: 1, ratings: { ownership: 9 }, redFlags: ["no_such_flag"] })),
    });
    expect(reply.status).toBe(400);
    const body = JSON.parse(reply.text) as { kind: string; errors: Record<string, string> };
    expect(body.kind).toBe("refused");
    expect(Object.keys(body.errors)).toEqual(expect.arrayContaining(["ratings.ownership"]));
    expect(stored()).toEqual(before);
  });

  it("over the body limit while streaming: 413, nothing stored, and the server still answers", async () => {
    const big = JSON.stringify(autosaveDraft({ recommendationJustification: "x".repeat(600 * 1024) }));
    const reply = await autosave({ chunks: [big, big] }).catch(() => null);
    // The server may close the connection before the client finished writing: either way, no save.
    if (reply) expect(reply.status).toBe(413);
    expect(stored()).toEqual([]);
    const next = await autosave({ body: JSON.stringify(autosaveDraft()) });
    expect(next.status).toBe(200);
  });

  it("without a session: sent to sign in, nothing stored", async () => {
    const reply = await autosave({ body: JSON.stringify(autosaveDraft()), headers: { Cookie: "" } });
    expect(reply.status).toBe(204); // Remix's data redirect
    expect(reply.headers["x-remix-redirect"]).toMatch(/^\/login\?/);
    expect(stored()).toEqual([]);
  });
});

describe("other bodies stay Remix's to read", () => {
  it("the no-JavaScript form post (no ?_data=) is saved and lands back on the page", async () => {
    const form = new URLSearchParams({
      intent: "save",
      baseRevision: "0",
      rubricVersionId: "1",
      "ratings.ownership": "2",
    });
    const reply = await send(`/interviews/${interviewId}/scorecard`, {
      body: form.toString(),
      type: "application/x-www-form-urlencoded",
    });
    expect(reply.status).toBe(302);
    expect(reply.headers.location).toBe(`/interviews/${interviewId}/scorecard`);
    expect((stored() as { r: string }[])[0].r).toBe('["ownership=2"]');
  });
});

describe("the action", () => {
  it("reads the body the HTTP front already read (context.bodyText), not the request stream", async () => {
    const request = new Request(`http://localhost/interviews/${interviewId}/scorecard`, {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/json" },
      // What the front leaves in the request once it has read the body itself: nothing to read.
      body: "",
    });
    const res = (await action({
      request,
      params: { interviewId: String(interviewId) },
      context: { bodyText: JSON.stringify(autosaveDraft()) },
    })) as Response;
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ kind: "saved", revision: 1 });
  });
});
