import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import { action, loader } from "~/routes/calibration.interviewers_.$interviewerId";
import { request, sessionCookieFor } from "../support/factories";
import { useDemoDatabase } from "../support/database-templates";

let lead: string;
let interviewer: string;
let jordan: number;
const idOf = (email: string) =>
  (getDb().$client.prepare("select id from users where email = ?").get(email) as { id: number }).id;
const jordanId = () =>
  (getDb().$client.prepare("select id from users where name = 'Jordan Lee'").get() as { id: number }).id;

beforeAll(async () => {
  await useDemoDatabase();
  lead = await sessionCookieFor(idOf("lead2@demo.test"));
  interviewer = await sessionCookieFor(idOf("interviewer@demo.test"));
  jordan = jordanId();
});

const caught = (p: Promise<Response>) => p.catch((e: unknown) => e as Response);
const get = async (id: string, cookie = lead) =>
  caught(
    loader({
      request: await request(`/calibration/interviewers/${id}`, { cookie }),
      params: { interviewerId: id },
      context: {},
    } as LoaderFunctionArgs),
  );
const post = async (id: string, body: Record<string, string>, cookie = lead) =>
  caught(
    action({
      request: await request(`/calibration/interviewers/${id}`, { cookie, method: "POST", form: body }),
      params: { interviewerId: id },
      context: {},
    } as ActionFunctionArgs),
  );

describe("the interviewer page", () => {
  it("answers 404 to an unknown id, a non-interviewer and a malformed id, and to an interviewer", async () => {
    expect((await get("999999")).status).toBe(404);
    expect((await get("abc")).status).toBe(404);
    expect((await get(String(idOf("lead2@demo.test")))).status).toBe(404);
    expect((await get(String(jordan), interviewer)).status).toBe(404);
    expect(
      (await post(String(jordan), { effect: "lenient", agreed: "x", heldOn: "2026-11-20" }, interviewer)).status,
    ).toBe(404);
  });

  it("shows Jordan's leniency flagged against co-panellists, with interval", async () => {
    const data = await (await get(String(jordan))).json();
    const lenient = data.effects.find((e: { key: string }) => e.key === "lenient").measure;
    expect(lenient).toMatchObject({ flagged: true, withheld: null });
    expect(lenient.value).toBeGreaterThan(0);
    expect(lenient.ciLow).toBeLessThan(lenient.value);
    expect(data.drift.length).toBeGreaterThan(0);
  });

  it("records a conversation with this interviewer (never another), with the effect before and after it; bad input is a 400 that changes nothing", async () => {
    const before = (
      getDb().$client.prepare("select count(*) as n from calibration_conversations").get() as { n: number }
    ).n;
    const bad = await post(String(jordan), { effect: "nonsense", agreed: "", heldOn: "2026-13-01" });
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).errors).sort()).toEqual(["agreed", "effect", "heldOn"]);
    expect(
      (getDb().$client.prepare("select count(*) as n from calibration_conversations").get() as { n: number }).n,
    ).toBe(before);

    const ok = await post(String(jordan), {
      effect: "lenient",
      agreed: "Re-read the anchors",
      heldOn: "2026-09-01",
      followUpOn: "",
      interviewerId: String(idOf("interviewer@demo.test")),
    });
    expect(ok.status).toBe(302);
    const data = await (await get(String(jordan))).json();
    // The demo has its own conversation with Jordan (app/seed/debriefs.server.ts): find this one.
    const c = data.conversations.find((x: { agreed: string }) => x.agreed === "Re-read the anchors");
    expect(c).toMatchObject({ interviewerId: jordan, effect: "lenient", agreed: "Re-read the anchors" });
    expect(c.before.value).toBeGreaterThan(0);
    expect(c.after).not.toBeNull();
  });
});
