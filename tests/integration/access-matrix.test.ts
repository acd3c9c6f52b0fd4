// Walks every page and method of the README's access matrix, for every role, against the real
// loaders and actions: the README table is the specification this test enforces.
import { readFileSync } from "node:fs";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openReview } from "~/models/review.server";
import { BASE_URL, createInterview, createUser, sessionCookieFor } from "../support/factories";

type Handler = (args: LoaderFunctionArgs & ActionFunctionArgs) => Promise<unknown>;
interface RouteModule {
  loader?: Handler;
  action?: Handler;
}

const ROUTES: Record<string, () => Promise<RouteModule>> = {
  "/login": () => import("~/routes/login"),
  "/logout": () => import("~/routes/logout"),
  "/": () => import("~/routes/_index"),
  "/interviews": () => import("~/routes/interviews._index"),
  "/interviews/:interviewId": () => import("~/routes/interviews.$interviewId._index"),
  "/interviews/:interviewId/scorecard": () => import("~/routes/interviews.$interviewId.scorecard"),
  "/practice": () => import("~/routes/practice"),
  "/notifications": () => import("~/routes/notifications"),
  "/overdue": () => import("~/routes/overdue"),
  "/calibration": () => import("~/routes/calibration._index"),
  "/calibration/interviewers": () => import("~/routes/calibration.interviewers"),
  "/calibration/dimensions": () => import("~/routes/calibration.dimensions"),
  "/calibration/variants": () => import("~/routes/calibration.variants"),
  "/calibration/candidates": () => import("~/routes/calibration.candidates"),
  "/calibration/queue": () => import("~/routes/calibration.queue"),
  "/calibration/export.csv": () => import("~/routes/calibration.export[.csv]"),
  "/calibration/reviews": () => import("~/routes/calibration.reviews"),
  "/calibration/reviews/:reviewId": () => import("~/routes/calibration.reviews_.$reviewId"),
  "/calibration/decisions": () => import("~/routes/calibration.decisions"),
  "/calibration/conversations": () => import("~/routes/calibration.conversations"),
  "/calibration/practice": () => import("~/routes/calibration.practice"),
  "/calibration/practice/new": () => import("~/routes/calibration.practice_.new"),
  "/admin": () => import("~/routes/admin._index"),
  "/admin/people": () => import("~/routes/admin.people"),
  "/admin/candidates": () => import("~/routes/admin.candidates._index"),
  "/admin/candidates/:candidateId": () => import("~/routes/admin.candidates.$candidateId"),
  "/admin/interviews": () => import("~/routes/admin.interviews._index"),
  "/admin/interviews/:interviewId": () => import("~/routes/admin.interviews.$interviewId"),
  "/admin/rubric": () => import("~/routes/admin.rubric"),
  "/admin/settings": () => import("~/routes/admin.settings"),
};
// Layout routes guard their children's pages too (Remix runs them on every navigation below them).
const LAYOUTS: Record<string, () => Promise<RouteModule>> = {
  "/calibration": () => import("~/routes/calibration"),
  "/admin": () => import("~/routes/admin"),
};

const ROLES = ["Signed out", "Interviewer on the panel", "Interviewer not on it", "Lead", "Admin"] as const;
type Role = (typeof ROLES)[number];
type Outcome = "✓" | "404" | "sign-in";

/** The "## Access matrix" table of the README, row by row. */
function readMatrix(): { page: string; method: "GET" | "POST"; expected: Record<Role, Outcome> }[] {
  const readme = readFileSync("README.md", "utf8");
  const section = readme.slice(readme.indexOf("## Access matrix"));
  const rows = section.split("\n").filter((line) => line.startsWith("| `"));
  return rows.map((line) => {
    const cells = line.split("|").slice(1, -1).map((c) => c.trim());
    const [page, method, ...outcomes] = cells;
    expect(outcomes).toHaveLength(ROLES.length);
    return {
      page: page.replaceAll("`", ""),
      method: method as "GET" | "POST",
      expected: Object.fromEntries(ROLES.map((role, i) => [role, outcomes[i] as Outcome])) as Record<Role, Outcome>,
    };
  });
}

const cookies = {} as Record<Role, string | null>;
const params = {} as Record<string, string>;
const users = {} as Record<Exclude<Role, "Signed out">, number>;

beforeAll(async () => {
  const onPanel = await createUser({ roles: ["interviewer"] });
  const colleague = await createUser({ roles: ["interviewer"] });
  const notOnPanel = await createUser({ roles: ["interviewer"] });
  const lead = await createUser({ roles: ["lead"] });
  const admin = await createUser({ roles: ["admin"] });
  const interview = createInterview({ panel: [onPanel, colleague] });
  const review = openReview(interview.id, lead.id);
  if (review.kind !== "opened" && review.kind !== "existing") throw new Error(`could not open a review: ${review.kind}`);
  Object.assign(params, { interviewId: String(interview.id), candidateId: String(interview.candidate.id), reviewId: String(review.reviewId) });
  Object.assign(users, { "Interviewer on the panel": onPanel.id, "Interviewer not on it": notOnPanel.id, Lead: lead.id, Admin: admin.id });
});

// Fresh sessions for every row: the /logout row ends the ones it is given.
beforeEach(async () => {
  cookies["Signed out"] = null;
  for (const [role, id] of Object.entries(users)) cookies[role as Role] = await sessionCookieFor(id);
});

/** Calls the route's loader (GET) or action (POST) as the role would, and names the outcome. */
async function call(handler: Handler, page: string, method: string, role: Role): Promise<Outcome | string> {
  const path = page.replace(/:(\w+)/g, (_, name: string) => params[name]);
  const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded" });
  if (cookies[role]) headers.set("Cookie", cookies[role]!);
  // An empty body: enough to reach the action's own validation, never enough to change anything.
  const request = new Request(`${BASE_URL}${path}`, { method, headers, body: method === "POST" ? "" : undefined });
  const routeParams = Object.fromEntries(Object.entries(params).filter(([name]) => page.includes(`:${name}`)));
  const result = await handler({ request, params: routeParams, context: {} }).catch((thrown: unknown) => thrown);
  if (!(result instanceof Response)) return result instanceof Error ? `error: ${result.message}` : "✓";
  if (result.status === 404) return "404";
  if (result.status >= 300 && result.status < 400 && result.headers.get("Location")?.startsWith("/login?redirectTo=")) return "sign-in";
  if (result.status >= 500 || result.status === 403) return `status ${result.status}`;
  return "✓";
}

const matrix = readMatrix();

describe("the README's access matrix", () => {
  it("covers every route module", () => {
    expect(new Set(matrix.map((row) => row.page))).toEqual(new Set(Object.keys(ROUTES)));
  });

  it.each(matrix.map((row) => [row.page, row.method, row] as const))("%s %s", async (page, method, row) => {
    const module = await ROUTES[page]();
    const handler = method === "GET" ? module.loader : module.action;
    expect(handler, `${page} has no ${method === "GET" ? "loader" : "action"}`).toBeDefined();
    for (const role of ROLES) {
      expect({ role, outcome: await call(handler!, page, method, role) }).toEqual({ role, outcome: row.expected[role] });
    }
  });

  it.each(Object.keys(LAYOUTS))("the %s layout guards its whole area like its index page", async (prefix) => {
    const { loader } = await LAYOUTS[prefix]();
    const row = matrix.find((r) => r.page === prefix && r.method === "GET")!;
    for (const role of ROLES) expect({ role, outcome: await call(loader!, prefix, "GET", role) }).toEqual({ role, outcome: row.expected[role] });
  });
});
