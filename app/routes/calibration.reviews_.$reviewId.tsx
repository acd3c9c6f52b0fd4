import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { PanelComparison } from "~/components/debrief/panel-comparison";
import { ErrorPage } from "~/components/error-page";
import { ReviewOutcomeForm } from "~/components/review/review-outcome-form";
import reviewStyles from "~/components/review/review.css";
import { getInterview, getPanel } from "~/models/interview.server";
import { buildPanelComparison } from "~/models/panel-comparison.server";
import { getReview, listReviewHistory, reopenReview, saveReviewOutcome } from "~/models/review.server";
import { listSubmittedScorecards } from "~/models/scorecard.server";
import { ReviewOutcomeSchema } from "~/schemas/review-outcome-schema";
import { formatDateTime } from "~/utils/format";
import { toFieldErrors, type FieldErrors } from "~/schemas/form-errors";
import { parseId } from "~/utils/params";
import { requireLead } from "~/utils/session.server";
import { readFormData } from "~/utils/read-form.server";
import { LEVEL_LABELS, SCORECARD_STATUS_LABELS } from "~/utils/labels";
import { invariantFound } from "~/utils/invariant";
import calibrationStyles from "~/styles/calibration.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: calibrationStyles },
  { rel: "stylesheet", href: reviewStyles },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireLead(request);
  const review = getReview(parseId(params.reviewId));
  const interview = review && getInterview(review.interviewId);
  invariantFound(review && interview);
  const panel = getPanel(interview.id);
  // Leads see every submitted scorecard, as on the debrief.
  const comparison = buildPanelComparison(interview, panel, listSubmittedScorecards(interview.id));
  return json({ review, interview, panel, comparison, history: listReviewHistory(review.id) });
}

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireLead(request);
  const reviewId = parseId(params.reviewId);
  const form = await readFormData(request);
  const back = () => redirect(`/calibration/reviews/${reviewId}`);

  if (form.get("intent") === "reopen") {
    const result = reopenReview(reviewId, user.id);
    invariantFound(result.kind !== "not_found");
    if (result.kind === "already_open")
      return json({ errors: { form: "This review is already open." } as FieldErrors, values: null }, { status: 409 });
    return back();
  }

  const values = {
    intent: text(form, "intent"),
    agreedReading: text(form, "agreedReading"),
    notes: text(form, "notes"),
    followUps: text(form, "followUps"),
    version: text(form, "version"),
  };
  const typed = {
    agreedReading: values.agreedReading ?? "",
    notes: values.notes ?? "",
    followUps: values.followUps ?? "",
    version: values.version ?? "",
  };
  const parsed = ReviewOutcomeSchema.safeParse(values);
  if (!parsed.success)
    return json({ errors: toFieldErrors(parsed.error) as FieldErrors, values: typed }, { status: 400 });

  const result = saveReviewOutcome(reviewId, user.id, parsed.data);
  invariantFound(result.kind !== "not_found");
  switch (result.kind) {
    case "read_only":
      return json(
        {
          errors: { form: "This review is closed and read-only: reopen it to change the outcome." } as FieldErrors,
          values: typed,
        },
        { status: 409 },
      );
    case "stale":
      return json(
        {
          errors: {
            form: "Another lead changed this review after you opened it, so nothing was saved. Copy your text, then reload the page to see theirs.",
          } as FieldErrors,
          values: typed,
        },
        { status: 409 },
      );
    case "saved":
      return back();
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Review · ${data.interview.candidateName} · Panel Scorecard` : "Review · Panel Scorecard" },
];

const HISTORY_LABEL: Record<string, string> = {
  "review.opened": "opened the review",
  "review.saved": "saved the outcome",
  "review.closed": "closed the review",
  "review.reopened": "reopened the review",
};
const FIELD_LABEL: Record<string, string> = {
  agreedReading: "agreed reading",
  notes: "notes",
  followUps: "follow-ups",
};

export default function ReviewPage() {
  const { review, interview, panel, comparison, history } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const closed = review.status === "closed";
  return (
    <div className="stack">
      <p className="breadcrumb">
        <Link to="/calibration/reviews">← Calibration reviews</Link>
      </p>
      <header className="context card">
        <div className="context-main">
          <div className="review-head">
            <h2>
              Review · {interview.candidateName} <span className="muted">#{interview.candidateId}</span>
            </h2>
            <span className={`badge badge-${review.status}`}>{closed ? "Closed — read-only" : "Open"}</span>
          </div>
          <p className="context-meta">
            <span className="pill">{LEVEL_LABELS[interview.level]}</span>
            <span>{interview.variantName}</span>
            <span className="muted">Interview {formatDateTime(interview.scheduledAt)}</span>
            <Link to={`/interviews/${interview.id}`}>Debrief</Link>
          </p>
          <p className="muted">
            Opened by {review.openedByName}, {formatDateTime(review.openedAt)}
            {closed && review.closedAt
              ? ` · closed by ${review.closedByName ?? "a former lead"}, ${formatDateTime(review.closedAt)}`
              : ""}
          </p>
        </div>
        <dl className="context-facts">
          {panel.map((m) => (
            <div key={m.interviewerId}>
              <dt>{m.name}</dt>
              <dd>{SCORECARD_STATUS_LABELS[m.status]}</dd>
            </div>
          ))}
        </dl>
      </header>

      <section className="section" aria-labelledby="scores-title">
        <h2 id="scores-title">The panel side by side</h2>
        {comparison.scorecards.length ? (
          <PanelComparison {...comparison} />
        ) : (
          <p className="empty">No scorecard has been submitted for this interview.</p>
        )}
      </section>

      <section className="section" aria-label="Outcome">
        {closed ? (
          <div className="card stack">
            <h2>Outcome</h2>
            {actionData?.errors?.form ? (
              <p className="form-error" role="alert">
                {actionData.errors.form}
              </p>
            ) : null}
            <dl className="outcome-list">
              <Outcome label="Agreed reading" text={review.agreedReading} />
              <Outcome label="Notes" text={review.notes} />
              <Outcome label="Follow-ups" text={review.followUps} />
            </dl>
            <Form method="post">
              <button type="submit" name="intent" value="reopen" className="button">
                Reopen review
              </button>
            </Form>
          </div>
        ) : (
          <ReviewOutcomeForm
            key={review.version}
            values={actionData?.values ?? review}
            serverErrors={actionData?.errors}
          />
        )}
      </section>

      <section className="section" aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        <ol className="history">
          {history.map((h, i) => (
            <li key={i}>
              <span className="muted nowrap">{formatDateTime(h.at)}</span> — {h.actorName ?? "Someone"}{" "}
              {HISTORY_LABEL[h.action] ?? h.action}
              {h.fields.length ? ` (${h.fields.map((f) => FIELD_LABEL[f] ?? f).join(", ")})` : ""}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

function Outcome({ label, text }: { label: string; text: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{text ? <p className="outcome-text">{text}</p> : <span className="empty">None</span>}</dd>
    </div>
  );
}

export const ErrorBoundary = ErrorPage;
