import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { listConversations } from "~/models/conversation.server";
import { action, loader } from "~/routes/calibration.conversations";
import { loader as overviewLoader } from "~/routes/calibration._index";
import { createUser, request, sessionCookieFor } from "../support/factories";

type User = Awaited<ReturnType<typeof createUser>>;
let lead: User;
let jordan: User;
let interviewer: User;
const today = new Date().toISOString().slice(0, 10);
const daysFromToday = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function post(user: User, form: Record<string, string>) {
  const res = await action({
    request: await request("/calibration/conversations", { cookie: await sessionCookieFor(user.id), form }),
    params: {},
    context: {},
  }).catch((e: unknown) => e as Response);
  return {
    status: res.status,
    location: res.headers.get("Location"),
    body: res.status === 400 ? await res.json() : null,
  };
}

beforeAll(async () => {
  lead = await createUser({ name: "Lena Lead", roles: ["lead"] });
  jordan = await createUser({ name: "Jordan Lee" });
  interviewer = await createUser({ name: "Ivy" });
});

describe("calibration conversations", () => {
  const valid = () => ({
    intent: "record",
    interviewerId: String(jordan.id),
    effect: "lenient",
    agreed: "Re-read the anchors; 4 only for evidence beyond the level.",
    heldOn: daysFromToday(-14),
    followUpOn: daysFromToday(-1),
  });

  it("refuses bad input with field messages and stores nothing", async () => {
    const res = await post(lead, { ...valid(), effect: "grumpy", agreed: " ", followUpOn: daysFromToday(-30) });
    expect(res.status).toBe(400);
    expect(res.body.errors).toMatchObject({
      effect: "Choose the effect you discussed",
      agreed: "Write down what you agreed",
    });
    const order = await post(lead, { ...valid(), followUpOn: daysFromToday(-30) });
    expect(order.body.errors).toEqual({ followUpOn: "The follow-up comes after the conversation" });
    const bad = await post(lead, { ...valid(), heldOn: "2026-02-30" });
    expect(bad.body.errors.heldOn).toMatch(/YYYY-MM-DD/);
    const lead2 = await createUser({ roles: ["lead"] });
    expect((await post(lead, { ...valid(), interviewerId: String(lead2.id) })).body.errors).toEqual({
      interviewerId: "Choose an interviewer",
    });
    expect(listConversations()).toEqual([]);
  });

  it("records one, audited; its due follow-up appears on the overview until marked done", async () => {
    const res = await post(lead, valid());
    expect(res.status).toBe(302);
    const [stored] = listConversations(jordan.id);
    expect(stored).toMatchObject({
      interviewerName: "Jordan Lee",
      effect: "lenient",
      followUpOn: daysFromToday(-1),
      followUpDoneAt: null,
      leadName: "Lena Lead",
    });
    expect(getDb().select().from(t.auditLog).where(eq(t.auditLog.action, "conversation.recorded")).all()).toEqual([
      expect.objectContaining({
        actorId: lead.id,
        entityId: stored.id,
        detail: expect.objectContaining({ effect: "lenient", interviewerId: jordan.id }),
      }),
    ]);
    // One not yet due stays off the overview.
    await post(lead, { ...valid(), effect: "halo", heldOn: today, followUpOn: daysFromToday(7) });

    const overview = async () =>
      (
        await (
          await overviewLoader({
            request: await request("/calibration", { cookie: await sessionCookieFor(lead.id) }),
            params: {},
            context: {},
          })
        ).json()
      ).followUps;
    expect((await overview()).map((f: { id: number; effect: string }) => [f.id, f.effect])).toEqual([
      [stored.id, "lenient"],
    ]);

    expect(
      (
        await post(lead, {
          intent: "follow-up-done",
          conversationId: String(stored.id),
          note: "Leniency down to +0.2.",
        })
      ).status,
    ).toBe(302);
    expect(await overview()).toEqual([]);
    expect(listConversations(jordan.id).find((c) => c.id === stored.id)).toMatchObject({
      followUpNote: "Leniency down to +0.2.",
      followUpDoneAt: expect.any(String),
    });
    // Done twice: refused.
    expect((await post(lead, { intent: "follow-up-done", conversationId: String(stored.id), note: "" })).status).toBe(
      400,
    );
    expect(
      getDb().select().from(t.auditLog).where(eq(t.auditLog.action, "conversation.followed_up")).all(),
    ).toHaveLength(1);
  });

  it("lists one interviewer's history for their page, and is for leads only", async () => {
    const res = await loader({
      request: await request(`/calibration/conversations?interviewer=${jordan.id}`, {
        cookie: await sessionCookieFor(lead.id),
      }),
      params: {},
      context: {},
    });
    const data = await res.json();
    expect(data.focus).toBe(jordan.id);
    expect(data.conversations.every((c: { interviewerId: number }) => c.interviewerId === jordan.id)).toBe(true);
    const refused = await loader({
      request: await request("/calibration/conversations", { cookie: await sessionCookieFor(interviewer.id) }),
      params: {},
      context: {},
    }).catch((e: unknown) => e as Response);
    expect(refused.status).toBe(404);
    expect((await post(interviewer, valid())).status).toBe(404);
  });
});
