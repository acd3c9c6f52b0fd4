import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client";
import { computeCalibrationReport, parseRatingsCsv } from "~/domain/calibration";
import { exportRatings, exportScorecardRedFlags } from "~/models/rating-export.server";
import { loader as candidatesLoader } from "~/routes/calibration.candidates";
import { loader as dimensionsLoader } from "~/routes/calibration.dimensions";
import { loader as exportLoader } from "~/routes/calibration.export[.csv]";
import { loader as overviewLoader } from "~/routes/calibration._index";
import { loader as interviewersLoader } from "~/routes/calibration.interviewers";
import { loader as queueLoader } from "~/routes/calibration.queue";
import { loader as layoutLoader } from "~/routes/calibration";
import { loader as variantsLoader } from "~/routes/calibration.variants";
import { request, sessionCookieFor } from "../support/factories";
import { useDemoDatabase } from "../support/database-templates";

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;
const LOADERS: [string, Loader][] = [
  ["/calibration", layoutLoader],
  ["/calibration", overviewLoader],
  ["/calibration/interviewers", interviewersLoader],
  ["/calibration/dimensions", dimensionsLoader],
  ["/calibration/variants", variantsLoader],
  ["/calibration/candidates", candidatesLoader],
  ["/calibration/queue", queueLoader],
  ["/calibration/export.csv", exportLoader],
];

let lead: string;
let interviewer: string;

beforeAll(async () => {
  await useDemoDatabase();
  const id = (email: string) =>
    (getDb().$client.prepare("select id from users where email = ?").get(email) as { id: number }).id;
  lead = await sessionCookieFor(id("lead2@demo.test")); // a lead who is not an admin
  interviewer = await sessionCookieFor(id("interviewer@demo.test"));
}, 60_000); // the demo seed (with its debriefs) takes seconds on a loaded machine

async function load(loader: Loader, path: string, cookie = lead) {
  return (await loader({ request: await request(path, { cookie }), params: {}, context: {} }).catch(
    (e: unknown) => e,
  )) as Response;
}
const json = async (loader: Loader, path: string) => (await load(loader, path)).json();

describe("access", () => {
  it.each(LOADERS)("%s answers 404 to an interviewer, 200 to a lead", async (path, loader) => {
    expect((await load(loader, path, interviewer)).status).toBe(404);
    expect((await load(loader, path)).status).toBe(200);
  });

  it("answers a malformed filter with 400 and says what is wrong", async () => {
    for (const path of [
      "/calibration?from=2026-13-45",
      "/calibration?from=2026-06-01&to=2026-01-01",
      "/calibration?level=principal",
      "/calibration?interviewer=abc",
    ]) {
      const res = await load(overviewLoader, path);
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/Invalid filter: \w+/);
    }
  });
});

describe("numbers match app/domain on the same rows", () => {
  it("overview totals under a variant filter equal the engine's on exactly those ratings", async () => {
    const view = await json(overviewLoader, "/calibration?variant=amazon&level=senior&level=staff");
    const ratings = exportRatings({ variants: ["amazon"], levels: ["senior", "staff"] });
    expect(ratings.length).toBeGreaterThan(20);
    expect(ratings.every((r) => r.variant === "amazon" && r.level !== "mid")).toBe(true);
    const report = computeCalibrationReport(ratings, { scale: { min: 1, max: 4 } });
    expect(view.totals).toEqual(report.totals);
    expect(view.agreement.map((a: { alpha: number | null }) => a.alpha)).toEqual(
      report.dimensions.map((d) => (d.ratings >= 5 ? d.alpha.ordinal : null)),
    );
  });

  it("finds the seeded lenient and severe interviewers, with the engine's figures", async () => {
    const view = await json(interviewersLoader, "/calibration/interviewers");
    const report = computeCalibrationReport(exportRatings(), {
      scale: { min: 1, max: 4 },
      scorecards: exportScorecardRedFlags(),
    });
    const jordan = view.rows.find((r: { name: string }) => r.name === "Jordan Lee");
    const casey = view.rows.find((r: { name: string }) => r.name === "Casey Novak");
    expect(jordan.leniency).toEqual(report.interviewers.find((i) => i.interviewer === "jordan@demo.test")!.leniency);
    expect(jordan.leniency.flag).toBe("lenient");
    expect(casey.leniency.flag).toBe("severe");
    expect(view.rows.find((r: { name: string }) => r.name === "Priya Nair").haloShare).toBe(1);
    expect(view.rows.find((r: { name: string }) => r.name === "Morgan Diaz").extremeShare).toBe(0);
  });

  it("flags exactly Jordan (lenient), Casey (severe), Priya (halo) and Morgan (central tendency) on the demo data", async () => {
    const view = await json(interviewersLoader, "/calibration/interviewers");
    const flagged = Object.fromEntries(
      view.rows
        .filter((r: { rater: { flags: string[] } }) => r.rater.flags.length > 0)
        .map((r: { name: string; rater: { flags: string[] } }) => [r.name, r.rater.flags]),
    );
    expect(flagged).toEqual({
      "Jordan Lee": ["lenient"],
      "Casey Novak": ["severe"],
      "Priya Nair": ["halo"],
      "Morgan Diaz": ["central_tendency"],
    });
  });

  it("the panel planner gives reliability per variant where the data allow, and says what is missing elsewhere", async () => {
    const all = await json(overviewLoader, "/calibration");
    const amazon = all.variantReliability.find((v: { variant: string }) => v.variant === "amazon");
    expect(amazon.withheld).toBeNull();
    expect(amazon.sharedCandidates).toBeGreaterThanOrEqual(10);
    const ratings = exportRatings({ variants: ["amazon"] });
    const report = computeCalibrationReport(ratings, { scale: { min: 1, max: 4 } });
    // The variant's own model: the same Φ(k) as the whole-panel planner fitted on that variant alone.
    for (const k of ["1", "3", "6"]) expect(amazon.reliability[k]).toBeCloseTo(report.model!.reliability![k], 10);
    const thin = await json(overviewLoader, "/calibration?from=2026-11-19&to=2026-11-20");
    expect(thin.variantReliability.length).toBeGreaterThan(0);
    for (const v of thin.variantReliability) {
      expect(v.reliability).toBeNull();
      expect(v.withheld).toBe(`needs 10 candidates rated by two or more interviewers, has ${v.sharedCandidates}`);
    }
  });

  it("withholds a figure resting on fewer than 5 ratings and says so", async () => {
    const view = await json(interviewersLoader, "/calibration/interviewers?from=2026-11-19&to=2026-11-20");
    const thin = view.rows.filter((r: { leniency: { n: number } }) => r.leniency.n < 5);
    expect(thin.length).toBeGreaterThan(0);
    for (const r of thin) expect(r.leniency).toMatchObject({ leniency: null, reason: "not enough data" });
  });

  it("shows the Amazon variant scored harsher on Repair, beyond noise", async () => {
    const view = await json(variantsLoader, "/calibration/variants");
    const repair = view.dimensions.find((d: { dimension: string }) => d.dimension === "repair");
    const amazon = repair.variants.find((v: { variant: string }) => v.variant === "amazon");
    expect(amazon.versusRest.difference).toBeLessThan(0);
    expect(amazon.versusRest.differs).toBe(true);
  });

  it("lists split panels with links to their interviews, and adjusted scores for candidates", async () => {
    const queue = await json(queueLoader, "/calibration/queue");
    expect(queue.total).toBeGreaterThan(0);
    expect(queue.queue.every((d: { interviewId: number | null }) => typeof d.interviewId === "number")).toBe(true);
    const candidates = await json(candidatesLoader, "/calibration/candidates");
    expect(candidates.rows[0]).toMatchObject({ rawMean: expect.any(Number), adjustedMean: expect.any(Number) });
    expect(Math.abs(candidates.rows[0].change)).toBeGreaterThanOrEqual(Math.abs(candidates.rows.at(-1).change));
  });
});

describe("export", () => {
  it("has exactly the ratings in view, under the same filter", async () => {
    const path = "/calibration/export.csv?variant=meta&dimension=repair&from=2026-08-01";
    const res = await load(exportLoader, path);
    expect(res.headers.get("Content-Type")).toMatch(/text\/csv/);
    expect(res.headers.get("Content-Disposition")).toMatch(/attachment; filename="calibration-\d{4}-\d\d-\d\d\.csv"/);
    const parsed = parseRatingsCsv(await res.text());
    if (!parsed.ok) throw new Error(parsed.error.message);
    const view = await json(overviewLoader, path.replace("/export.csv", ""));
    expect(parsed.ratings.length).toBe(view.totals.ratings);
    expect(
      parsed.ratings.every((r) => r.variant === "meta" && r.dimension === "repair" && r.date! >= "2026-08-01"),
    ).toBe(true);
    expect(parsed.ratings).toEqual(exportRatings({ variants: ["meta"], dimension: "repair", from: "2026-08-01" }));
  });
});
