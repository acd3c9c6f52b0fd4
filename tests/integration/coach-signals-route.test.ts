// POST /coach/signals: the analyser on the server, so the scorecard page never ships it.
import { describe, expect, it } from "vitest";
import { action } from "~/routes/coach.signals";
import { BASE_URL, createUser, sessionCookieFor } from "../support/factories";

async function post(
  body: BodyInit,
  headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" },
  cookie?: string,
) {
  const request = new Request(`${BASE_URL}/coach/signals`, {
    method: "POST",
    headers: { ...headers, ...(cookie ? { Cookie: cookie } : {}) },
    body,
  });
  return (await action({ request, params: {}, context: {} }).catch((thrown: unknown) => thrown)) as Response;
}

describe("POST /coach/signals", () => {
  it("sends a signed-out visitor to sign in", async () => {
    const res = await post(new URLSearchParams({ text: "The decision was made." }));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });

  it("returns the note's signals with exact offsets", async () => {
    const cookie = await sessionCookieFor((await createUser()).id);
    const text = "😀 “The decision was made,” she said; we dropped the ball.";
    const res = await post(new URLSearchParams({ text }), undefined, cookie);
    expect(res.status).toBe(200);
    const { signals } = (await res.json()) as {
      signals: Array<{ kind: string; start: number; end: number; flag: string | null }>;
    };
    expect(signals.map((s) => [s.kind, text.slice(s.start, s.end), s.flag])).toEqual([
      ["passive_voice", "was made", "passive_voice"],
      ["blame_diffusion", "we dropped", "blame_diffusion"],
    ]);
  });

  it.each([
    ["no text", new URLSearchParams({}), undefined, "Send the note's text"],
    ["an empty text", new URLSearchParams({ text: "" }), undefined, "Send the note's text"],
    [
      "a text over 5,000 characters",
      new URLSearchParams({ text: "x".repeat(5001) }),
      undefined,
      "A note is at most 5,000 characters",
    ],
    [
      "a JSON body",
      JSON.stringify({ text: "The decision was made." }),
      { "Content-Type": "application/json" },
      "Send the note's text",
    ],
  ])("answers %s with 400 and the field's message", async (_what, body, headers, message) => {
    const cookie = await sessionCookieFor((await createUser()).id);
    const res = await post(body, headers, cookie);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ errors: { text: message } });
  });
  it("answers 405 to a method other than POST", async () => {
    const cookie = await sessionCookieFor((await createUser()).id);
    const request = new Request(`${BASE_URL}/coach/signals`, { method: "PUT", headers: { Cookie: cookie } });
    const res = (await action({ request, params: {}, context: {} }).catch((thrown: unknown) => thrown)) as Response;
    expect(res.status).toBe(405);
  });
});
