// Candidates page (issue #12, part 6): every candidate reachable by search and pages, not only the
// first 100; axis ticks read as scores.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { tick } from "~/components/charts/adjusted-scatter";
import { loader } from "~/routes/calibration.candidates";
import { createUser, request, sessionCookieFor } from "../support/factories";
import { useDemoDatabase } from "../support/database-templates";

let cookie: string;
beforeAll(async () => {
  await useDemoDatabase(new Date());
  cookie = await sessionCookieFor((await createUser({ roles: ["lead"] })).id);
});

async function candidates(query: string) {
  return (
    await loader({ request: await request(`/calibration/candidates${query}`, { cookie }), params: {}, context: {} })
  ).json();
}

describe("the candidates page", () => {
  it("reaches every candidate: pages of 100, and a search by name or #id", async () => {
    const first = await candidates("");
    expect(first.total).toBeGreaterThan(100);
    expect(first.rows).toHaveLength(100);
    expect(first.pages).toBe(Math.ceil(first.total / 100));
    const last = await candidates(`?page=${first.pages}`);
    expect(last.rows).toHaveLength(first.total - 100 * (first.pages - 1));
    const seen = new Set([...first.rows, ...last.rows].map((r: { candidate: string }) => r.candidate));
    expect(seen.size).toBe(first.total);

    // The candidate whose standing changes least is last: reachable by search too.
    const quietest = last.rows[last.rows.length - 1].candidate as string;
    const id = /#(\d+)$/.exec(quietest)![1];
    const found = await candidates(`?q=%23${id}`);
    expect(found.rows.map((r: { candidate: string }) => r.candidate)).toContain(quietest);
    const byName = await candidates(`?q=${encodeURIComponent(quietest.split(" #")[0].toUpperCase())}`);
    expect(byName.rows.map((r: { candidate: string }) => r.candidate)).toContain(quietest);
    // The filter in the URL is kept for the search form.
    expect((await candidates("?level=senior&q=a")).filterParams).toEqual([["level", "senior"]]);
    expect(getDb().select().from(t.candidates).all().length).toBeGreaterThan(100);
  });

  it("formats axis ticks as scores", () => {
    expect(tick(0.8986099274954598)).toBe("0.9");
    expect(tick(3)).toBe("3");
    expect(tick(2.25)).toBe("2.3");
  });
});
