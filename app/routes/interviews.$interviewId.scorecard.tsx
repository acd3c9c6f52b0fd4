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
import type { AutosaveReply } from "~/domain/scorecard/autosave-reply";
import {
  getExemplarForInterview,
  getLatestRubricVersion,
  getOwnScorecard,
  getPanelInterview,
  listRevisions,
  requireRubricVersion,
} from "~/models/scorecard-page.server";
import { formDataToObject } from "~/schemas/scorecard-schema-entry.server";
import type { FieldErrors } from "~/schemas/form-errors";
import { parseId } from "~/utils/params";
import { skipRevalidationAfterAutosave } from "~/utils/revalidation";
import { cacheScorecards } from "~/utils/service-worker";
import { answerScorecardPost, refuse } from "~/utils/scorecard-post.server";
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

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, interview } = await requirePanelInterview(request, params.interviewId);
  const isJson = request.headers.get("Content-Type")?.includes("application/json") ?? false;
  let input: unknown;
  try {
    // The autosave's body was read by the HTTP front already (app/server/json-body.ts).
    const bodyText = context.bodyText;
    if (bodyText !== undefined) input = JSON.parse(bodyText);
    else input = isJson ? await request.json() : formDataToObject(await request.formData());
  } catch {
    input = undefined;
  }
  const answer =
    input === undefined
      ? refuse("The request body could not be read", 400)
      : answerScorecardPost({ user, interview, input, isJson });
  switch (answer.kind) {
    case "redirect":
      return redirect(answer.to);
    case "rejected":
      return json(answer.body, { status: answer.status });
    case "reply":
      return json<AutosaveReply>(answer.body, { status: answer.status });
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
