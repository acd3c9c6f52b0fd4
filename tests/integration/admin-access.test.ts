import { count, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import * as layout from "~/routes/admin";
import * as overview from "~/routes/admin._index";
import * as candidate from "~/routes/admin.candidates.$candidateId";
import * as candidates from "~/routes/admin.candidates._index";
import * as interview from "~/routes/admin.interviews.$interviewId";
import * as interviews from "~/routes/admin.interviews._index";
import * as people from "~/routes/admin.people";
import * as rubric from "~/routes/admin.rubric";
import * as settings from "~/routes/admin.settings";
import { createInterview, createUser, sessionCookieFor } from "../support/factories";

type Fn = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;
interface Route {
  name: string;
  path: string;
  params: Record<string, string>;
  loader: Fn;
  action?: Fn;
  /** A post an admin would get through with: it must not get through for anyone else. */
  form?: Record<string, string | string[]>;
}

let routes: Route[];
let outsiders: { who: string; cookie: string }[];

beforeAll(async () => {
  const [a, b] = [await createUser(), await createUser()];
  const iv = createInterview({ panel: [a, b] });
  const soon = new Date(Date.now() + 86_400_000).toISOString().slice(0, 16);
  routes = [
    { name: "layout", path: "/admin", params: {}, loader: layout.loader as Fn },
    { name: "overview", path: "/admin", params: {}, loader: overview.loader as Fn },
    {
      name: "people",
      path: "/admin/people",
      params: {},
      loader: people.loader as Fn,
      action: people.action as Fn,
      form: { intent: "deactivate", userId: String(a.id) },
    },
    {
      name: "candidates",
      path: "/admin/candidates",
      params: {},
      loader: candidates.loader as Fn,
      action: candidates.action as Fn,
      form: { name: "Sneaky", targetLevel: "mid" },
    },
    {
      name: "candidate",
      path: `/admin/candidates/${iv.candidate.id}`,
      params: { candidateId: String(iv.candidate.id) },
      loader: candidate.loader as Fn,
      action: candidate.action as Fn,
      form: { intent: "erase", confirmation: iv.candidate.name },
    },
    {
      name: "interviews",
      path: "/admin/interviews",
      params: {},
      loader: interviews.loader as Fn,
      action: interviews.action as Fn,
      form: {
        candidateId: String(iv.candidate.id),
        variantKey: "default",
        scheduledAt: soon,
        durationMinutes: "45",
        panel: [String(a.id), String(b.id)],
      },
    },
    {
      name: "interview",
      path: `/admin/interviews/${iv.id}`,
      params: { interviewId: String(iv.id) },
      loader: interview.loader as Fn,
      action: interview.action as Fn,
      form: { intent: "panel", panel: [String(b.id), String(a.id)] },
    },
    {
      name: "rubric",
      path: "/admin/rubric",
      params: {},
      loader: rubric.loader as Fn,
      action: rubric.action as Fn,
      form: { baseVersionId: "1", note: "x" },
    },
    {
      name: "settings",
      path: "/admin/settings",
      params: {},
      loader: settings.loader as Fn,
      action: settings.action as Fn,
      form: { independence: "always" },
    },
  ];
  outsiders = [
    { who: "an interviewer", cookie: await sessionCookieFor((await createUser({ roles: ["interviewer"] })).id) },
    {
      who: "a recruiting lead (not admin)",
      cookie: await sessionCookieFor((await createUser({ roles: ["lead"] })).id),
    },
    {
      who: "an interviewer and lead",
      cookie: await sessionCookieFor((await createUser({ roles: ["interviewer", "lead"] })).id),
    },
  ];
});

function req(route: Route, cookie: string | null, method: "GET" | "POST") {
  const headers = new Headers();
  if (cookie) headers.set("Cookie", cookie);
  if (method === "GET") return new Request(`http://localhost${route.path}`, { headers });
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(route.form ?? {})) for (const value of [v].flat()) body.append(k, value);
  headers.set("Content-Type", "application/x-www-form-urlencoded");
  return new Request(`http://localhost${route.path}`, { method, headers, body });
}

const settle = (p: Promise<unknown>) =>
  p.then(
    (r) => ({ returned: r as Response }),
    (e: unknown) => ({ thrown: e as Response }),
  );

/** Every table's row count and a checksum of its content. */
const snapshot = () =>
  getDb()
    .all<{ name: string }>(
      sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not in ('sessions', '__drizzle_migrations')`,
    )
    .map(({ name }) => [name, JSON.stringify(getDb().all(sql.raw(`select * from "${name}"`)))]);

describe("admin pages are 404 to everyone but admins", () => {
  it("every admin loader answers 404 to a signed-in non-admin", async () => {
    for (const { who, cookie } of outsiders) {
      for (const route of routes) {
        const result = await settle(
          route.loader({ request: req(route, cookie, "GET"), params: route.params, context: {} }),
        );
        expect("thrown" in result ? result.thrown.status : "not thrown", `${route.name} loader for ${who}`).toBe(404);
      }
    }
  });

  it("every admin action answers 404 to a signed-in non-admin, and changes nothing", async () => {
    const before = snapshot();
    for (const { who, cookie } of outsiders) {
      for (const route of routes.filter((r) => r.action)) {
        const result = await settle(
          route.action!({ request: req(route, cookie, "POST"), params: route.params, context: {} }),
        );
        expect("thrown" in result ? result.thrown.status : "not thrown", `${route.name} action for ${who}`).toBe(404);
      }
    }
    expect(snapshot()).toEqual(before);
    expect(getDb().select({ n: count() }).from(t.candidates).get()!.n).toBe(1);
  });

  it("someone signed out is sent to sign in, and comes back afterwards", async () => {
    for (const route of routes) {
      const result = await settle(
        route.loader({ request: req(route, null, "GET"), params: route.params, context: {} }),
      );
      const response = "thrown" in result ? result.thrown : result.returned;
      expect(response.status, route.name).toBe(302);
      expect(response.headers.get("Location"), route.name).toBe(
        `/login?${new URLSearchParams({ redirectTo: route.path })}`,
      );
    }
    const before = snapshot();
    for (const route of routes.filter((r) => r.action)) {
      const result = await settle(
        route.action!({ request: req(route, null, "POST"), params: route.params, context: {} }),
      );
      expect(("thrown" in result ? result.thrown : result.returned).status, route.name).toBe(302);
    }
    expect(snapshot()).toEqual(before);
  });

  it("the same requests do get through for an admin (so the 404s above are about the role)", async () => {
    const admin = await sessionCookieFor((await createUser({ roles: ["admin"] })).id);
    for (const route of routes) {
      const result = await settle(
        route.loader({ request: req(route, admin, "GET"), params: route.params, context: {} }),
      );
      expect("returned" in result, route.name).toBe(true);
    }
    const settingsRoute = routes.find((r) => r.name === "settings")!;
    const result = await settle(
      settingsRoute.action!({ request: req(settingsRoute, admin, "POST"), params: {}, context: {} }),
    );
    expect("returned" in result && result.returned.status).toBe(302);
  });
});
