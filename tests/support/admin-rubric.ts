// Posting the rubric editor's form (/admin/rubric) as this file's admin (admin-session.ts), shared by
// admin-rubric.test.ts (saving versions) and admin-rubric-refusals.test.ts (the invariants).
import { count } from "drizzle-orm";
import { expect } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { toRubricFormValues, type RubricFormValues } from "~/domain/rubric/rubric-form-values";
import { getLatestRubricVersion } from "~/models/rubric.server";
import { action } from "~/routes/admin.rubric";
import { cookie } from "./admin-session";

/** The form's values as the browser posts them: "dimensions.0.weight", a ticked box as "on". */
export function toEntries(value: unknown, prefix = ""): [string, string][] {
  if (value === null || value === undefined) return [];
  if (typeof value === "boolean") return value ? [[prefix, "on"]] : [];
  if (typeof value !== "object") return [[prefix, String(value)]];
  return Object.entries(value).flatMap(([k, v]) => toEntries(v, prefix ? `${prefix}.${k}` : k));
}

/** The current version's form, edited. */
export function edited(edit: (values: RubricFormValues) => void, note = "Reweighted for the test"): RubricFormValues {
  const latest = getLatestRubricVersion();
  const values = structuredClone(toRubricFormValues(latest.rubric, latest.id));
  values.note = note;
  edit(values);
  return values;
}

export function post(values: RubricFormValues | [string, string][], as = cookie) {
  const entries = Array.isArray(values) ? values : toEntries(values);
  const request = new Request("http://localhost/admin/rubric", {
    method: "POST",
    headers: { Cookie: as, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(entries),
  });
  return action({ request, params: {}, context: {} }).catch((e: unknown) => e) as Promise<Response>;
}

const rows = () => ({
  versions: getDb().select({ n: count() }).from(t.rubricVersions).get()!.n,
  variants: getDb().select({ n: count() }).from(t.variants).get()!.n,
  audit: getDb().select({ n: count() }).from(t.auditLog).get()!.n,
});

export async function expectRefused(
  values: RubricFormValues | [string, string][],
  errors: Record<string, string | RegExp>,
  status = 400,
) {
  const before = rows();
  const res = await post(values);
  expect(res.status).toBe(status);
  const body = await res.json();
  for (const [field, message] of Object.entries(errors))
    expect(body.errors[field], `${field} in ${JSON.stringify(body.errors)}`).toMatch(message);
  expect(rows()).toEqual(before);
  return body.errors as Record<string, string>;
}
