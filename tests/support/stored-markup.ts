// Shared by the escaping fuzz files (fuzz-escaping*.slow.test.ts): script tags stored through the real
// actions wherever text is accepted, and pages fetched from the built app to check they come out escaped.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect } from "vitest";
import { getDb } from "~db/client";
import * as t from "~db/schema";
import { getLatestRubricVersion } from "~/models/rubric.server";
import { getReview } from "~/models/review.server";
import { action as candidatesAction } from "~/routes/admin.candidates._index";
import { action as interviewsAction } from "~/routes/admin.interviews._index";
import { action as peopleAction } from "~/routes/admin.people";
import { action as rubricAction } from "~/routes/admin.rubric";
import { action as newExemplarAction } from "~/routes/calibration.practice_.new";
import { action as openAction } from "~/routes/calibration.reviews";
import { action as reviewAction } from "~/routes/calibration.reviews_.$reviewId";
import { action as scorecardAction } from "~/routes/interviews.$interviewId.scorecard";
import { action as practiceAction } from "~/routes/practice";
import { toRubricFormValues } from "~/domain/rubric/rubric-form-values";
import { createUser, PASSWORD, sessionCookieFor } from "./factories";
import {
  flattenForm,
  formRequest,
  IMG_TAG,
  jsonRequest,
  SCRIPT,
  SCRIPT_ESCAPED,
  settle,
  type Action,
  type Pairs,
} from "./fuzz-kit";
import { startBuiltApp } from "./fuzz-server";

// Live markup an escaping slip would leave in the page.
export const LIVE = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "<svg/onload=alert(1)>",
  "<script>alert(2)</script>",
];

export let base: string;
export let close: (() => Promise<void>) | undefined;
export let adminCookie: string;
export let leadCookie: string;
export let ivyCookie: string;
export let ids: { candidate: number; interview: number; review: number; practice: number; ivy: number };

export async function call(
  act: Action,
  path: string,
  params: Record<string, string>,
  request: Request,
): Promise<Response> {
  const res = await settle(() => act({ request, params, context: {} }));
  if (res.status >= 400) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res;
}
export const form = (act: Action, path: string, pairs: Pairs, cookie: string, params: Record<string, string> = {}) =>
  call(act, path, params, formRequest(path, pairs, { cookie }));
export const idFrom = (res: Response, pattern: RegExp) => Number(pattern.exec(res.headers.get("Location") ?? "")?.[1]);

/**
 * Before the file's tests: the built app over HTTP, and script tags stored through the real actions
 * wherever text is accepted (people, candidates, interviews, the rubric, scorecards, reviews, practice).
 */
export function useStoredMarkup(): void {
  beforeAll(async () => {
    ({ base, close } = await startBuiltApp());
    const admin = await createUser({ roles: ["admin", "lead"], name: `Ada ${SCRIPT}` });
    const lead = await createUser({ roles: ["lead"], name: `Lena ${IMG_TAG}` });
    adminCookie = await sessionCookieFor(admin.id);
    leadCookie = await sessionCookieFor(lead.id);

    // People, through the admin action: names are markup.
    const people: number[] = [];
    for (const name of [`Ivy ${SCRIPT}`, `Otto ${IMG_TAG}`]) {
      const email = `${name.split(" ")[0].toLowerCase()}@example.test`;
      const res = await form(
        peopleAction,
        "/admin/people",
        [
          ["intent", "create"],
          ["name", name],
          ["email", email],
          ["roles", "interviewer"],
          ["passwordMode", "set"],
          ["password", PASSWORD],
        ],
        adminCookie,
      );
      people.push(((await res.json()) as { created: { id: number } }).created.id);
    }
    const [ivy, otto] = people;
    ivyCookie = await sessionCookieFor(ivy);
    const ottoCookie = await sessionCookieFor(otto);

    // The rubric: a dimension's name and anchor, a red flag, a variant's question, the change note.
    const latest = getLatestRubricVersion();
    const values = toRubricFormValues(latest.rubric, latest.id);
    values.note = `Note ${SCRIPT}`;
    values.dimensions[0].name = `Ownership ${SCRIPT}`;
    values.dimensions[0].covers = `Covers ${IMG_TAG}`;
    values.dimensions[0].anchors[0].text = `Anchor ${SCRIPT}`;
    values.redFlags[0].name = `Flag ${SCRIPT}`;
    values.redFlags[0].description = `Flag ${IMG_TAG}`;
    values.variants[0].question = `Question ${SCRIPT}`;
    values.variants[0].focus = `Focus ${IMG_TAG}`;
    await form(rubricAction, "/admin/rubric", flattenForm(values as unknown as Record<string, unknown>), adminCookie);
    const rubric = getLatestRubricVersion();
    expect(rubric.id).toBe(latest.id + 1);

    // A candidate and an interview with Ivy and Otto on the panel.
    const created = await form(
      candidatesAction,
      "/admin/candidates",
      [
        ["name", `Cand ${SCRIPT}`],
        ["targetLevel", "senior"],
      ],
      adminCookie,
    );
    const candidate = idFrom(created, /\/admin\/candidates\/(\d+)/);
    const scheduled = await form(
      interviewsAction,
      "/admin/interviews",
      [
        ["candidateId", String(candidate)],
        ["variantKey", rubric.rubric.variants[0].key],
        ["scheduledAt", "2031-03-05T14:30"],
        ["durationMinutes", "60"],
        ["panel", String(ivy)],
        ["panel", String(otto)],
      ],
      adminCookie,
    );
    const interview = idFrom(scheduled, /scheduled=(\d+)/);
    // The interview has taken place (an admin schedules in the future; a real scorecard is submitted after it begins).
    getDb()
      .update(t.interviews)
      .set({ scheduledAt: new Date(Date.now() - 3_600_000).toISOString() })
      .where(eq(t.interviews.id, interview))
      .run();

    // Scorecards: notes, a cap justification, a recommendation justification; then an amendment's reason.
    const dims = rubric.rubric.dimensions.map((d) => d.key);
    const card = (ratings: number[], recommendation: string, extra: Record<string, unknown> = {}) => ({
      intent: "submit",
      baseRevision: 0,
      rubricVersionId: rubric.id,
      ratings: Object.fromEntries(dims.map((d, i) => [d, ratings[i]])),
      capJustifications: {},
      redFlags: [],
      star: ["situation"],
      recommendation,
      recommendationJustification: `Why ${SCRIPT}`,
      notes: [
        { id: "n-1", dimension: dims[0], elapsedSeconds: 30, text: `Note ${SCRIPT}` },
        { id: "n-2", dimension: dims[1], elapsedSeconds: 60, text: `Note ${IMG_TAG}` },
      ],
      ...extra,
    });
    const path = `/interviews/${interview}/scorecard`;
    const ivyCard = card([3, 3, 3, 4], "strong_yes", {
      redFlags: [rubric.rubric.redFlags.find((f) => f.caps.some((c) => c.dimension === dims[0]))!.key],
      capJustifications: { [dims[0]]: `Cap ${SCRIPT}` },
    });
    await call(
      scorecardAction,
      path,
      { interviewId: String(interview) },
      jsonRequest(path, JSON.stringify(ivyCard), ivyCookie),
    );
    await call(
      scorecardAction,
      path,
      { interviewId: String(interview) },
      jsonRequest(path, JSON.stringify(card([1, 1, 2, 1], "strong_no")), ottoCookie),
    );
    const amended = {
      ...ivyCard,
      intent: "amend",
      baseRevision: 1,
      reason: `Reason ${SCRIPT}`,
      ratings: { ...ivyCard.ratings, [dims[3]]: 3 },
      notes: [...ivyCard.notes, { id: "n-3", dimension: dims[3], elapsedSeconds: 90, text: `Later ${SCRIPT}` }],
    };
    await call(
      scorecardAction,
      path,
      { interviewId: String(interview) },
      jsonRequest(path, JSON.stringify(amended), ivyCookie),
    );

    // A calibration review of the split panel, with its outcome saved.
    const opened = await form(
      openAction,
      "/calibration/reviews",
      [
        ["intent", "open"],
        ["interviewId", String(interview)],
      ],
      leadCookie,
    );
    const review = idFrom(opened, /\/calibration\/reviews\/(\d+)/);
    await form(
      reviewAction,
      `/calibration/reviews/${review}`,
      [
        ["intent", "save"],
        ["agreedReading", `Agreed ${SCRIPT}`],
        ["notes", `Notes ${IMG_TAG}`],
        ["followUps", `Follow ${SCRIPT}`],
        ["version", getReview(review)!.version],
      ],
      leadCookie,
      { reviewId: String(review) },
    );

    // An exemplar, then Ivy practising on it.
    const exemplarPairs: Pairs = [
      ["title", `Title ${SCRIPT}`],
      ["level", "senior"],
      ["answer", `Answer ${SCRIPT} ${IMG_TAG}`],
      ["source", `Source ${IMG_TAG}`],
      ["recommendation", "yes"],
      ...dims.map((d): [string, string] => [`ratings.${d}`, "3"]),
      ...dims.map((d): [string, string] => [`rationale.${d}`, `Why ${SCRIPT}`]),
    ];
    await form(newExemplarAction, "/calibration/practice/new", exemplarPairs, adminCookie);
    const exemplar = getDb().select().from(t.exemplars).all().at(-1)!;
    const practiced = await form(
      practiceAction,
      "/practice",
      [
        ["intent", "practise"],
        ["exemplarId", String(exemplar.id)],
      ],
      ivyCookie,
    );
    const practice = idFrom(practiced, /\/interviews\/(\d+)\/scorecard/);
    ids = { candidate, interview, review, practice, ivy };
  }, 300_000);

  afterAll(() => close?.());
}

export async function page(path: string, cookie?: string, init: RequestInit = {}) {
  const res = await fetch(`${base}${path}`, {
    ...init,
    headers: { ...(cookie ? { Cookie: cookie } : {}), ...(init.headers as Record<string, string>) },
    redirect: "manual",
  });
  return { status: res.status, html: await res.text() };
}

export function expectEscaped(path: string, html: string, mustShow: boolean) {
  for (const live of LIVE) expect(html.includes(live), `${path} contains live ${live}`).toBe(false);
  if (mustShow) expect(html, `${path} should show the stored text, escaped`).toContain(SCRIPT_ESCAPED);
}
