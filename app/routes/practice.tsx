import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { KeyComparisonTable } from "~/components/practice/key-comparison";
import practiceStyles from "~/components/practice/practice.css";
import { compareWithKey } from "~/domain/practice";
import { listExemplars, listPracticeAttempts, startPractice } from "~/models/exemplar.server";
import { getLatestRubricVersion, requireRubricVersion } from "~/models/rubric.server";
import { PracticeStartSchema } from "~/schemas/exemplar-practice-schema";
import { toFieldErrors, type FieldErrors } from "~/schemas/form-errors";
import { requireUser } from "~/utils/session.server";
import { readFormData } from "~/utils/read-form.server";
import { LEVEL_LABELS } from "~/utils/labels";
import { invariantFound } from "~/utils/invariant";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: practiceStyles }];

const EXCERPT = 240;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const attempts = new Map(listPracticeAttempts(user.id).map((a) => [a.exemplarId, a]));
  const latest = getLatestRubricVersion().rubric;
  const exemplars = listExemplars().map((e) => {
    const attempt = attempts.get(e.id);
    const card = attempt?.scorecard ?? null;
    const submitted = card?.status === "submitted";
    const rubric = card ? requireRubricVersion(card.rubricVersionId).rubric : latest;
    return {
      id: e.id,
      title: e.title,
      source: e.source,
      level: e.level,
      excerpt: e.answer.length > EXCERPT ? `${e.answer.slice(0, EXCERPT).trimEnd()}…` : e.answer,
      interviewId: attempt?.interviewId ?? null,
      status: !card ? ("not_started" as const) : card.status,
      // The key only once the user's own scorecard is submitted: seen earlier, it would anchor them.
      comparison: submitted ? compareWithKey(rubric.dimensions, card, e.referenceKey) : null,
    };
  });
  return json({
    exemplars,
    names: {
      recommendations: Object.fromEntries(latest.recommendations.map((r) => [r.key, r.name])),
      redFlags: Object.fromEntries(latest.redFlags.map((f) => [f.key, f.name])),
    },
  });
}

/** intent=practise&exemplarId=…: the user's practice interview on it, then its scorecard. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = PracticeStartSchema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) return json({ errors: toFieldErrors(parsed.error) as FieldErrors }, { status: 400 });
  const result = startPractice(parsed.data.exemplarId, user.id);
  invariantFound(result.kind !== "not_found");
  return redirect(`/interviews/${result.interviewId}/scorecard`);
}

export const meta: MetaFunction = () => [{ title: "Practice · Panel Scorecard" }];

const STATUS_LABEL = { not_started: "Not started", draft: "In progress", submitted: "Submitted" } as const;

export default function PracticePage() {
  const { exemplars, names } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <main className="page">
      <h1>Practice</h1>
      <p className="muted">
        Score a worked answer on the live scorecard, then see your scores beside its reference key. Practice is not part
        of any real statistic: it never reaches a candidate, a debrief or the calibration numbers — only the practice
        view, where leads see how far each interviewer lands from the key.
      </p>
      {actionData?.errors ? (
        <p className="form-error" role="alert">
          {Object.values(actionData.errors)[0]}
        </p>
      ) : null}
      {exemplars.length === 0 ? <p className="empty">No exemplar yet.</p> : null}
      <div className="exemplar-list">
        {exemplars.map((e) => (
          <section key={e.id} className="card" aria-labelledby={`exemplar-${e.id}`}>
            <div className="exemplar-head">
              <h2 id={`exemplar-${e.id}`}>{e.title}</h2>
              <span>
                <span className="pill">{LEVEL_LABELS[e.level]}</span>{" "}
                <span className={`badge badge-${e.status}`}>{STATUS_LABEL[e.status]}</span>
              </span>
            </div>
            <p className="hint">{e.source}</p>
            {e.comparison ? (
              <>
                <KeyComparisonTable
                  comparison={e.comparison}
                  recommendationName={(key) => (key ? (names.recommendations[key] ?? key) : "—")}
                  flagName={(key) => names.redFlags[key] ?? key}
                />
                <p className="exemplar-actions">
                  <Link to={`/interviews/${e.interviewId}/scorecard`}>Your scorecard</Link>
                </p>
              </>
            ) : (
              <>
                <blockquote className="exemplar-excerpt">{e.excerpt}</blockquote>
                <div className="exemplar-actions">
                  <Form method="post">
                    <input type="hidden" name="intent" value="practise" />
                    <input type="hidden" name="exemplarId" value={e.id} />
                    <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
                      {e.status === "draft" ? "Continue practising" : "Practise"}
                      <span className="visually-hidden"> on “{e.title}”</span>
                    </button>
                  </Form>
                  <span className="hint">The reference key appears here once you submit your scorecard.</span>
                </div>
              </>
            )}
          </section>
        ))}
      </div>
    </main>
  );
}

export const ErrorBoundary = ErrorPage;
