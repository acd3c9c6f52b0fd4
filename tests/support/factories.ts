// Test data made through the same tables the app uses; each test file has its own database.
import { eq } from "drizzle-orm";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { getLatestRubricVersion } from "~/models/rubric.server";
import type { Role } from "~/domain/roles";
import { hashPassword } from "~/models/password.server";
import { signIn } from "~/utils/session.server";

export const BASE_URL = "http://localhost";
export const PASSWORD = "correct horse battery";

let sequence = 0;

// Every test user has the same password, so one real argon2 hash of it serves them all: a sign-in
// still verifies it with the real argon2 (argon2 stores its salt in the hash, so sharing is sound);
// hashing once per file instead of once per user is most of what creating a user cost.
let passwordHash: Promise<string> | undefined;

export async function createUser(opts: { roles?: Role[]; name?: string; email?: string; active?: boolean } = {}) {
  sequence++;
  const email = opts.email ?? `user${sequence}@example.test`;
  const user = getDb()
    .insert(t.users)
    .values({
      email,
      name: opts.name ?? `User ${sequence}`,
      passwordHash: await (passwordHash ??= hashPassword(PASSWORD)),
      active: opts.active ?? true,
    })
    .returning()
    .get();
  const roles = opts.roles ?? ["interviewer"];
  if (roles.length)
    getDb()
      .insert(t.userRoles)
      .values(roles.map((role) => ({ userId: user.id, role })))
      .run();
  return { ...user, roles };
}

export function createInterview(opts: {
  panel: { id: number }[];
  scheduledAt?: Date;
  variantKey?: string;
  candidateName?: string;
}) {
  const version = getLatestRubricVersion();
  const candidate = getDb()
    .insert(t.candidates)
    .values({ name: opts.candidateName ?? `Candidate ${++sequence}`, targetLevel: "senior" })
    .returning()
    .get();
  const interview = getDb()
    .insert(t.interviews)
    .values({
      candidateId: candidate.id,
      rubricVersionId: version.id,
      variantKey: opts.variantKey ?? "default",
      // Begun ten minutes ago by default: a real scorecard can be submitted once its interview has begun.
      scheduledAt: (opts.scheduledAt ?? new Date(Date.now() - 600_000)).toISOString(),
    })
    .returning()
    .get();
  if (opts.panel.length) {
    getDb()
      .insert(t.panelAssignments)
      .values(opts.panel.map((p) => ({ interviewId: interview.id, interviewerId: p.id })))
      .run();
  }
  return { ...interview, candidate };
}

/** The interview's panel: its interviewers' ids, ascending. */
export const panelOf = (interviewId: number) =>
  getDb()
    .select({ id: t.panelAssignments.interviewerId })
    .from(t.panelAssignments)
    .where(eq(t.panelAssignments.interviewId, interviewId))
    .all()
    .map((p) => p.id)
    .sort((a, b) => a - b);

/** One panellist's scorecard on rubric version 1's default variant, without ratings (add them as needed). */
export function createScorecard(
  opts: { interviewId: number; interviewerId: number } & Partial<
    Pick<typeof t.scorecards.$inferInsert, "status" | "submittedAt" | "recommendation">
  >,
) {
  const status = opts.status ?? "submitted";
  return getDb()
    .insert(t.scorecards)
    .values({
      rubricVersionId: 1,
      variantKey: "default",
      ...opts,
      status,
      submittedAt: opts.submittedAt ?? (status === "submitted" ? new Date().toISOString() : null),
    })
    .returning()
    .get();
}

/** A Cookie header for a real session of this user, made by the real sign-in code. */
export async function sessionCookieFor(userId: number): Promise<string> {
  const response = await signIn(new Request(`${BASE_URL}/login`), userId, "/");
  return response.headers.get("Set-Cookie")!.split(";")[0];
}

export async function request(
  path: string,
  init: RequestInit & { cookie?: string; form?: Record<string, string> } = {},
) {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set("Cookie", init.cookie);
  let body = init.body;
  if (init.form) {
    body = new URLSearchParams(init.form);
    headers.set("Content-Type", "application/x-www-form-urlencoded");
  }
  return new Request(`${BASE_URL}${path}`, { method: init.form ? "POST" : init.method, headers, body });
}
