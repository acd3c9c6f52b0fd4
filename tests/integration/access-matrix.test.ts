// The README's access matrix, enforced over HTTP against the real build: every route file in
// app/routes must appear in the matrix, and every row is checked for every role as a document
// request, as a `?_data=<routeId>` request for each route module answering that URL (a layout's
// loader does not run for its child's `_data` request or action, so each must guard itself), and,
// for POST rows, as a document form post and a `_data` post to the action.
import { once } from "node:events";
import { readdirSync, readFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openReview } from "~/models/review.server";
import { createApp } from "~/server/http";
import { createInterview, createUser, sessionCookieFor } from "../support/factories";
import { send, type Reply } from "../support/http-send";
import { ensureBuild } from "../support/server-process";

const ROLES = [
  "Signed out",
  "Interviewer on the panel",
  "Interviewer not on it",
  "Lead",
  "Admin",
  "Lead and admin",
] as const;
type Role = (typeof ROLES)[number];
type Outcome = "✓" | "404" | "sign-in";
interface Row {
  page: string;
  method: "GET" | "POST";
  expected: Record<Role, Outcome>;
}

/** The "## Access matrix" table of the README, row by row. */
function readMatrix(): Row[] {
  const readme = readFileSync("README.md", "utf8");
  const section = readme.slice(readme.indexOf("## Access matrix"));
  const rows = section.split("\n").filter((line) => line.startsWith("| `"));
  return rows.map((line) => {
    const [page, method, ...outcomes] = line
      .split("|")
      .slice(1, -1)
      .map((c) => c.trim());
    if (outcomes.length !== ROLES.length)
      throw new Error(`README matrix row has ${outcomes.length} role columns: ${line}`);
    return {
      page: page.replaceAll("`", ""),
      method: method as Row["method"],
      expected: Object.fromEntries(ROLES.map((role, i) => [role, outcomes[i]])) as Record<Role, Outcome>,
    };
  });
}

interface RouteInfo {
  id: string;
  page: string;
  index: boolean;
  hasLoader: boolean;
  hasAction: boolean;
  isResource: boolean;
}

/** Each route module of the build with the URL pattern it answers (its path joined with its parents'). */
function describeRoutes(build: ServerBuild): RouteInfo[] {
  const fullPath = (id: string): string => {
    const route = build.routes[id];
    const own = route.path ?? "";
    const parent = route.parentId ? fullPath(route.parentId) : "";
    return [parent, own].filter(Boolean).join("/");
  };
  return Object.values(build.routes)
    .filter((route) => route.id !== "root")
    .map((route) => ({
      id: route.id,
      page: `/${fullPath(route.id)}`,
      index: route.index === true,
      hasLoader: typeof route.module.loader === "function",
      hasAction: typeof route.module.action === "function",
      isResource: typeof route.module.default !== "function",
    }));
}

const matrix = readMatrix();
let build: ServerBuild;
let routes: RouteInfo[];
let server: Server;
let base: string;
const params = {} as Record<string, string>;
const users = {} as Record<Exclude<Role, "Signed out">, number>;

beforeAll(async () => {
  ensureBuild();
  build = (await import(/* @vite-ignore */ pathToFileURL(resolve("build/index.js")).href)) as ServerBuild;
  routes = describeRoutes(build);
  server = createApp(build).listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const onPanel = await createUser({ roles: ["interviewer"] });
  const colleague = await createUser({ roles: ["interviewer"] });
  const notOnPanel = await createUser({ roles: ["interviewer"] });
  const lead = await createUser({ roles: ["lead"] });
  const admin = await createUser({ roles: ["admin"] });
  const leadAdmin = await createUser({ roles: ["lead", "admin"] });
  const interview = createInterview({ panel: [onPanel, colleague], scheduledAt: new Date(Date.now() - 3_600_000) });
  const review = openReview(interview.id, lead.id);
  if (review.kind !== "opened" && review.kind !== "existing")
    throw new Error(`could not open a review: ${review.kind}`);
  Object.assign(params, {
    interviewId: String(interview.id),
    candidateId: String(interview.candidate.id),
    reviewId: String(review.reviewId),
    interviewerId: String(onPanel.id),
  });
  Object.assign(users, {
    "Interviewer on the panel": onPanel.id,
    "Interviewer not on it": notOnPanel.id,
    Lead: lead.id,
    Admin: admin.id,
    "Lead and admin": leadAdmin.id,
  });
});

afterAll(() => new Promise<void>((done) => server.close(() => done())));

/** Names what the server answered: a 404, a trip to sign-in, or anything that let the request in. */
function outcomeOf(reply: Reply): Outcome | string {
  if (reply.status === 404) return "404";
  const location = reply.headers["x-remix-redirect"] ?? reply.headers.location;
  if (typeof location === "string" && location.startsWith("/login?redirectTo=")) return "sign-in";
  // 400 and 409 are the route's own validation of an empty body: access was granted.
  if (
    reply.status < 300 ||
    (reply.status < 400 && reply.status !== 304) ||
    reply.status === 400 ||
    reply.status === 409
  )
    return "✓";
  return `status ${reply.status}: ${reply.text.slice(0, 200)}`;
}

/** The requests one matrix row stands for: the document and one `_data` request per route module. */
function requestsFor(row: Row): { label: string; search: string }[] {
  const modules = routes.filter((r) => r.page === row.page && (row.method === "GET" ? r.hasLoader : r.hasAction));
  const target =
    modules.find((r) => !modules.some((other) => other !== r && other.id.startsWith(`${r.id}.`))) ?? modules[0];
  const indexFlag = (route: RouteInfo | undefined) => (route?.index ? "index&" : "");
  const list = modules.map((route) => ({
    label: `_data=${route.id}`,
    search: `?${indexFlag(route)}_data=${encodeURIComponent(route.id)}`,
  }));
  // A form post without JavaScript goes to the deepest module; a resource route is its own document.
  if (row.method === "POST") list.unshift({ label: "document", search: target?.index ? "?index" : "" });
  else list.unshift({ label: "document", search: "" });
  return list;
}

/** Each role's session, made by the real sign-in code and kept until a reply ends it. */
const sessions = new Map<Role, string>();

async function ask(row: Row, search: string, role: Role): Promise<Reply> {
  const path = row.page.replace(/:(\w+)/g, (_, name: string) => params[name]) + search;
  let cookie = sessions.get(role);
  if (role !== "Signed out" && cookie === undefined) sessions.set(role, (cookie = await sessionCookieFor(users[role])));
  const headers: Record<string, string> = { ...(cookie ? { Cookie: cookie } : {}) };
  const reply =
    row.method === "GET"
      ? await send(base, "GET", path, { headers })
      : // An empty form: enough to reach the action's own validation, never enough to change anything.
        await send(base, "POST", path, {
          headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
          body: "",
        });
  // A reply that sets the session cookie (the /logout rows end the session they are given) gets
  // the role a fresh session next time. A session ended without one would show as "sign-in", a failure.
  if (String(reply.headers["set-cookie"] ?? "").includes("__session=")) sessions.delete(role);
  return reply;
}

describe("the README's access matrix", () => {
  it("names every route file of app/routes, with a row for each method it answers, and nothing else", () => {
    const files = readdirSync("app/routes").map((file) => `routes/${file.replace(/\.tsx?$/, "")}`);
    expect(new Set(routes.map((r) => r.id))).toEqual(new Set(files));
    const rows = new Set(matrix.map((row) => `${row.method} ${row.page}`));
    const needed = new Set(
      routes.flatMap((r) => [...(r.hasLoader ? [`GET ${r.page}`] : []), ...(r.hasAction ? [`POST ${r.page}`] : [])]),
    );
    expect(
      [...needed].filter((key) => !rows.has(key)),
      "route files missing from the README's access matrix",
    ).toEqual([]);
    expect(
      [...rows].filter((key) => !needed.has(key)),
      "README rows with no route answering them",
    ).toEqual([]);
  });

  it.each(matrix.map((row) => [row.page, row.method, row] as const))("%s %s", async (_page, _method, row) => {
    const seen: { role: Role; request: string; outcome: string }[] = [];
    const wanted: typeof seen = [];
    for (const { label, search } of requestsFor(row)) {
      for (const role of ROLES) {
        seen.push({ role, request: label, outcome: outcomeOf(await ask(row, search, role)) });
        wanted.push({ role, request: label, outcome: row.expected[role] });
      }
    }
    expect(seen).toEqual(wanted);
  });
});
