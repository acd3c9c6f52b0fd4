import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  type LinksFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData, type ClientActionFunctionArgs } from "@remix-run/react";
import { useEffect } from "react";
import { ErrorPage } from "~/components/error-page";
import { ScorecardContext } from "~/components/scorecard/scorecard-context";
import { ScorecardEditor } from "~/components/scorecard/scorecard-editor";
import type { Rubric } from "~/domain/rubric/types";
import type { EvidenceNote } from "~/domain/scorecard-content";
import { submitTooEarlyMessage } from "~/domain/interview-schedule";
import { findMissingForSubmit } from "~/domain/scoring";
import type { AutosaveReply } from "~/domain/scorecard/autosave-reply";
import {
  amendScorecard,
  getExemplarForInterview,
  getLatestRubricVersion,
  getOwnScorecard,
  getPanelInterview,
  getRubricVersion,
  getScorecardBasis,
  listRevisions,
  requireRubricVersion,
  saveScorecard,
} from "~/models/scorecard-page.server";
import {
  formDataToObject,
  idFromText,
  scorecardDraftSchema,
  toFieldErrors,
  type ScorecardDraft,
} from "~/schemas/scorecard-schema-entry.server";
import type { FieldErrors } from "~/schemas/form-errors";
import { parseId } from "~/utils/params";
import { skipRevalidationAfterAutosave } from "~/utils/revalidation";
import { cacheScorecards } from "~/utils/service-worker";
import { requireUser } from "~/utils/session.server";
import { invariantFound } from "~/utils/invariant";
import scorecardStyles from "~/styles/scorecard.css";
import scorecardPanelStyles from "~/styles/scorecard-panels.css";
import scorecardLiveStyles from "~/styles/scorecard-live.css";
import coachStyles from "~/styles/coach.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: scorecardStyles },
  { rel: "stylesheet", href: scorecardPanelStyles },
  { rel: "stylesheet", href: scorecardLiveStyles },
  { rel: "stylesheet", href: coachStyles },
];

async function requirePanelInterview(request: Request, interviewIdParam: string | undefined) {
  const user = await requireUser(request);
  const interview = getPanelInterview(parseId(interviewIdParam), user.id);
  // Not on the panel and no such interview look the same: no hint that it exists.
  invariantFound(interview);
  return { user, interview };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, interview } = await requirePanelInterview(request, params.interviewId);
  const scorecard = getOwnScorecard(interview.id, user.id);
  // A started scorecard keeps its rubric version; a new one starts on the latest.
  const version = scorecard ? requireRubricVersion(scorecard.rubricVersionId) : getLatestRubricVersion();
  const variantKey = scorecard?.variantKey ?? interview.variantKey;
  const variant = version.rubric.variants.find((v) => v.key === variantKey) ?? version.rubric.variants[0];
  const level = version.rubric.levels.find((l) => l.key === interview.level);
  invariantFound(level);
  return json({
    userId: user.id,
    interview: { id: interview.id, candidateName: interview.candidateName, scheduledAt: interview.scheduledAt },
    level,
    variant,
    rubric: version.rubric,
    rubricVersionId: version.id,
    scorecard,
    revisions: scorecard?.status === "submitted" ? listRevisions(scorecard.id) : [],
    // A practice interview scores an exemplar's written answer instead of a live candidate.
    practice: getExemplarForInterview(interview.id),
    // The server's clock at render time: a running timer renders the same text on both sides of hydration.
    serverNow: Date.now(),
  });
}

const reply = (body: AutosaveReply, status = 200) => json<AutosaveReply>(body, { status });
const refuse = (message: string, status: number, errors: FieldErrors = { form: message }) =>
  reply({ autosave: true, kind: "refused", errors, message }, status);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, interview } = await requirePanelInterview(request, params.interviewId);
  const isJson = request.headers.get("Content-Type")?.includes("application/json") ?? false;
  let input: Record<string, unknown>;
  try {
    // The autosave's body was read by the HTTP front already (app/server/json-body.ts).
    const bodyText = context.bodyText;
    if (bodyText !== undefined) input = JSON.parse(bodyText) as Record<string, unknown>;
    else input = isJson ? await request.json() : formDataToObject(await request.formData());
  } catch {
    return refuse("The request body could not be read", 400);
  }
  if (typeof input !== "object" || input === null || Array.isArray(input))
    return refuse("Expected a scorecard object", 400);

  const existing = getScorecardBasis(interview.id, user.id);
  const version = getRubricVersion(existing?.rubricVersionId ?? idFromText(input.rubricVersionId) ?? 0);
  if (!version) return refuse("Unknown rubric version", 400, { rubricVersionId: "Unknown rubric version" });
  const variantKey = existing?.variantKey ?? interview.variantKey;

  const parsed = scorecardDraftSchema(version.rubric).safeParse(input);
  const fail = (errors: FieldErrors) => {
    const message = Object.values(errors)[0] ?? "Check the highlighted fields";
    if (isJson) return refuse(message, 400, errors);
    // A plain HTML post re-renders the page: send back what was typed, notes too, beside the errors.
    const notes = getOwnScorecard(interview.id, user.id)?.notes ?? [];
    return json({ rejected: { values: toStoredValues(input, notes), errors } }, { status: 400 });
  };
  if (!parsed.success) return fail(toFieldErrors(parsed.error));
  const draft = parsed.data;
  if (existing && draft.rubricVersionId !== existing.rubricVersionId) {
    return refuse("Reload the page", 409, {
      rubricVersionId: "This scorecard uses another rubric version; reload the page",
    });
  }
  const submit = draft.intent === "submit";
  if (submit || draft.intent === "amend") {
    const missing = findMissingForSubmit(version.rubric, variantKey, draft);
    if (draft.intent === "amend" && !draft.reason)
      missing.push({ field: "reason", message: "Say why you are amending this scorecard" });
    if (missing.length) return fail(Object.fromEntries(missing.map((m) => [m.field, m.message])));
  }
  const early = submit ? submitTooEarlyMessage(interview, new Date()) : null;
  if (early) return fail({ form: early });
  if (draft.intent === "amend") return amend(interview.id, user.id, version.rubric, draft);

  const result = saveScorecard({
    interviewId: interview.id,
    userId: user.id,
    rubricVersionId: version.id,
    rubric: version.rubric,
    variantKey,
    draft,
    submit,
  });
  if (result.kind === "already_submitted") return refuse("This scorecard is submitted and read-only", 409);
  if (result.kind === "stale")
    return refuse(
      "This scorecard was changed in another tab or on another device, from a version this server never had; reload the page",
      409,
    );
  // A plain HTML post (Save draft or Submit without JavaScript) lands back on the page, showing what is stored.
  if (!isJson) return redirect(`/interviews/${interview.id}/scorecard`);
  const { revision, updatedAt: savedAt, submitted, merged, conflicts } = result;
  return reply({ autosave: true, kind: "saved", revision, savedAt, submitted, merged, conflicts });
}

function amend(interviewId: number, userId: number, rubric: Rubric, draft: ScorecardDraft) {
  const result = amendScorecard({ interviewId, userId, rubric, draft, reason: draft.reason! });
  switch (result.kind) {
    case "not_submitted":
      return refuse("Only a submitted scorecard can be amended", 409);
    case "stale":
      return refuse("This scorecard was amended elsewhere meanwhile; reload to see it", 409);
    case "unchanged":
      return refuse("Nothing changed: an amendment must change something", 400);
    case "amended":
      return reply({
        autosave: true,
        kind: "amended",
        revision: result.state.revision,
        afterSeeingOthers: result.afterSeeingOthers,
      });
  }
}

/** Network failures become an "offline" answer instead of an error page: the draft stays on the device. */
export async function clientAction({ serverAction }: ClientActionFunctionArgs) {
  try {
    return await serverAction<typeof action>();
  } catch (error) {
    if (error instanceof TypeError) return { autosave: true, kind: "offline" } satisfies AutosaveReply;
    throw error;
  }
}

export const shouldRevalidate = skipRevalidationAfterAutosave;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Scorecard · ${data.interview.candidateName} · Panel Scorecard` : "Scorecard · Panel Scorecard" },
];

export default function ScorecardPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as
    { rejected?: { values: never; errors: FieldErrors } } | undefined;
  // This card opens offline from now on (the service worker keeps its latest copy).
  useEffect(
    () => cacheScorecards([`/interviews/${data.interview.id}/scorecard`]),
    [data.interview.id, data.scorecard?.revision],
  );
  return (
    <main className="page wide scorecard-page">
      <p className="breadcrumb">
        {data.practice ? <Link to="/practice">← Practice</Link> : <Link to="/interviews">← Your interviews</Link>}
      </p>
      <ScorecardContext {...data} />
      {/* A new key after submit or amendment: the editor starts again from what the server holds. */}
      <ScorecardEditor
        key={`${data.interview.id}:${data.scorecard?.status === "submitted" ? data.scorecard.revision : "draft"}`}
        {...data}
        rejected={actionData?.rejected ?? null}
      />
    </main>
  );
}

export const ErrorBoundary = ErrorPage;

/** The posted values in the stored shape, to re-fill the form after a no-JavaScript submit fails. */
function toStoredValues(input: Record<string, unknown>, notes: EvidenceNote[]) {
  // A hostile post can nest anything anywhere (and null-prototype objects cannot even be turned
  // into text): only text is taken back into the form, the last one where a name was repeated.
  const text = (v: unknown) =>
    typeof v === "string" ? v : Array.isArray(v) ? v.filter((x) => typeof x === "string").pop() : undefined;
  const texts = (v: unknown) =>
    Object.entries(v && typeof v === "object" && !Array.isArray(v) ? v : {}).flatMap(([k, x]) => {
      const value = text(x);
      return value === undefined ? [] : [[k, value] as const];
    });
  const list = (v: unknown) =>
    (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === "string" && x !== "");
  return {
    ratings: Object.fromEntries(
      texts(input.ratings)
        .filter(([, v]) => v !== "")
        .map(([k, v]) => [k, Number(v)]),
    ),
    capJustifications: Object.fromEntries(texts(input.capJustifications)),
    redFlags: list(input.redFlags),
    star: list(input.star),
    recommendation: typeof input.recommendation === "string" && input.recommendation ? input.recommendation : null,
    recommendationJustification:
      typeof input.recommendationJustification === "string" ? input.recommendationJustification : "",
    notes,
    noteDrafts: Object.fromEntries(texts(input.noteDrafts)),
  };
}
