import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { getIndependenceMode } from "~/models/settings.server";
import { loader as overviewLoader } from "~/routes/admin._index";
import { action, loader } from "~/routes/admin.settings";
import { createUser, sessionCookieFor } from "../support/factories";

let cookie: string;
let adminId: number;

beforeAll(async () => {
  const admin = await createUser({ roles: ["admin"] });
  adminId = admin.id;
  cookie = await sessionCookieFor(admin.id);
});

const post = (fields: Record<string, string>) =>
  action({
    request: new Request("http://localhost/admin/settings", {
      method: "POST",
      headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields),
    }),
    params: {},
    context: {},
  }) as Promise<Response>;
const get = (path: string) => new Request(`http://localhost${path}`, { headers: { Cookie: cookie } });

describe("admin settings", () => {
  it("shows the independence mode, the default until changed", async () => {
    expect(await (await loader({ request: get("/admin/settings"), params: {}, context: {} })).json()).toEqual({
      independence: "after_submit",
    });
  });

  it("changes the independence mode and records who did it", async () => {
    const res = await post({ independence: "never" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/admin/settings?saved=1");
    expect(getIndependenceMode()).toBe("never");
    expect(
      getDb().select().from(t.auditLog).where(eq(t.auditLog.action, "settings.independence")).all().at(-1),
    ).toMatchObject({
      actorId: adminId,
      detail: { mode: "never" },
    });
  });

  it("saving the mode it already has writes nothing", async () => {
    const before = getDb().select({ n: count() }).from(t.auditLog).get()!.n;
    expect((await post({ independence: "never" })).status).toBe(302);
    expect(getDb().select({ n: count() }).from(t.auditLog).get()!.n).toBe(before);
  });

  it("refuses an unknown mode with 400 beside the radio group, changing nothing", async () => {
    const before = getDb().select({ n: count() }).from(t.auditLog).get()!.n;
    for (const fields of [{ independence: "sometimes" }, {}] as Record<string, string>[]) {
      const res = await post(fields);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ errors: { independence: "Choose one of the options" } });
    }
    expect(getIndependenceMode()).toBe("never");
    expect(getDb().select({ n: count() }).from(t.auditLog).get()!.n).toBe(before);
  });
});

describe("admin overview", () => {
  it("counts people, candidates, upcoming interviews, and names the rubric version and the mode", async () => {
    const data = await (await overviewLoader({ request: get("/admin"), params: {}, context: {} })).json();
    expect(data).toMatchObject({ people: expect.any(Number), candidates: 0, upcoming: 0, rubricVersion: 1 });
    expect(data.independence).toMatch(/^Never show/);
  });
});
