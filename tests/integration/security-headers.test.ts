// helmet's headers on every response of the real HTTP front with the built app: a CSP whose
// script-src has a fresh nonce per response (never 'unsafe-inline'), on every inline script Remix
// renders; no framing anywhere, the submit, amend and erase pages included.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInterview, createUser, sessionCookieFor } from "../support/factories";
import { startBuiltApp } from "../support/fuzz-server";
import { send, type Reply } from "../support/http-send";

let app: Awaited<ReturnType<typeof startBuiltApp>>;
let interviewerCookie: string;
let adminCookie: string;
let interviewId: number;
let candidateId: number;

beforeAll(async () => {
  app = await startBuiltApp();
  const interviewer = await createUser();
  const interview = createInterview({ panel: [interviewer] });
  interviewId = interview.id;
  candidateId = interview.candidate.id;
  interviewerCookie = await sessionCookieFor(interviewer.id);
  adminCookie = await sessionCookieFor((await createUser({ roles: ["admin"] })).id);
}, 300_000);
afterAll(() => app?.close());

function directives(reply: Reply): Map<string, string[]> {
  const header = reply.headers["content-security-policy"];
  expect(typeof header).toBe("string");
  return new Map(
    (header as string)
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name, values]),
  );
}

describe("security headers", () => {
  it("a CSP with a per-response script nonce on every inline script, no 'unsafe-inline' scripts, no framing", async () => {
    const first = await send(app.base, "GET", "/login");
    const second = await send(app.base, "GET", "/login");
    const csp = directives(first);
    const scriptSrc = csp.get("script-src")!;
    expect(scriptSrc).toContain("'self'");
    expect(scriptSrc.join(" ")).not.toContain("unsafe-inline");
    const nonce = scriptSrc.find((v) => v.startsWith("'nonce-"))!.slice(7, -1);
    expect(nonce).toMatch(/^[A-Za-z0-9+/=]{22,}$/);
    expect(directives(second).get("script-src")!.join(" ")).not.toContain(nonce);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(first.headers["x-frame-options"]).toBe("DENY");
    expect(first.headers["x-content-type-options"]).toBe("nosniff");

    const scripts = [...first.text.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(1);
    for (const attributes of scripts) {
      if (/\bsrc=/.test(attributes)) continue;
      expect(attributes).toContain(`nonce="${nonce}"`);
    }
  });

  it("the scorecard (submit, amend) and candidate (erase) pages, errors and assets cannot be framed either", async () => {
    const pages: [string, string | undefined][] = [
      [`/interviews/${interviewId}/scorecard`, interviewerCookie],
      [`/admin/candidates/${candidateId}`, adminCookie],
      ["/no-such-page", undefined],
      ["/favicon.svg", undefined],
    ];
    for (const [path, cookie] of pages) {
      const reply = await send(app.base, "GET", path, { headers: cookie ? { Cookie: cookie } : {} });
      expect({
        path,
        frameAncestors: directives(reply).get("frame-ancestors"),
        xfo: reply.headers["x-frame-options"],
      }).toEqual({
        path,
        frameAncestors: ["'none'"],
        xfo: "DENY",
      });
    }
  });
});
