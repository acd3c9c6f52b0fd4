import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import reviewStyles from "~/components/review/review.css";
import { listReviews, openReview, REVIEW_LIST_LIMIT, type ReviewListItem } from "~/models/review.server";
import { ReviewOpenSchema, ReviewSearchSchema } from "~/schemas/review-outcome-schema";
import { formatDateTime } from "~/utils/format";
import { toFieldErrors, type FieldErrors } from "~/schemas/form-errors";
import { requireLead } from "~/utils/session.server";
import { readFormData } from "~/utils/read-form.server";
import { invariantFound } from "~/utils/invariant";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reviewStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireLead(request);
  const params = new URL(request.url).searchParams;
  const raw = { q: params.get("q") ?? "", status: params.get("status") || "all" };
  const parsed = ReviewSearchSchema.safeParse(raw);
  if (!parsed.success) {
    return json(
      {
        search: raw,
        errors: toFieldErrors(parsed.error) as FieldErrors,
        reviews: [] as ReviewListItem[],
        limit: REVIEW_LIST_LIMIT,
      },
      { status: 400 },
    );
  }
  return json({
    search: parsed.data as typeof raw,
    errors: null,
    reviews: listReviews(parsed.data),
    limit: REVIEW_LIST_LIMIT,
  });
}

/** intent=open&interviewId=…: opens the interview's review, or goes to the one it has. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireLead(request);
  const parsed = ReviewOpenSchema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) return json({ errors: toFieldErrors(parsed.error) as FieldErrors }, { status: 400 });
  const result = openReview(parsed.data.interviewId, user.id);
  invariantFound(result.kind !== "not_found");
  return redirect(`/calibration/reviews/${result.reviewId}`);
}

export const meta: MetaFunction = () => [{ title: "Calibration reviews · Panel Scorecard" }];

const STATUS_LABEL = { open: "Open", closed: "Closed" } as const;

export default function ReviewsPage() {
  const { search, errors, reviews, limit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const filtered = search.q !== "" || search.status !== "all";
  return (
    <div className="stack">
      <h2>Calibration reviews</h2>
      <p className="muted">
        Split panels a lead has reviewed: the agreed reading, notes and follow-ups. Open a review from the disagreement
        queue.
      </p>
      {actionData?.errors ? (
        <p className="form-error" role="alert">
          Could not open a review: {Object.values(actionData.errors)[0]}
        </p>
      ) : null}
      <Form method="get" className="card review-search" role="search" aria-label="Search reviews">
        <div className="field">
          <label htmlFor="review-q">Search</label>
          <input
            id="review-q"
            type="text"
            name="q"
            defaultValue={search.q}
            placeholder="Candidate, agreed reading, notes or follow-ups"
            maxLength={200}
            aria-invalid={errors?.q ? true : undefined}
            aria-describedby={errors?.q ? "review-q-error" : undefined}
          />
          {errors?.q ? (
            <span id="review-q-error" className="field-error">
              {errors.q}
            </span>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="review-status">Status</label>
          <select
            id="review-status"
            name="status"
            defaultValue={search.status}
            aria-invalid={errors?.status ? true : undefined}
            aria-describedby={errors?.status ? "review-status-error" : undefined}
          >
            <option value="all">All</option>
            <option value="open">Open</option>
            <option value="closed">Closed</option>
          </select>
          {errors?.status ? (
            <span id="review-status-error" className="field-error">
              {errors.status}
            </span>
          ) : null}
        </div>
        <button type="submit" className="button primary">
          Search
        </button>
        {filtered ? <Link to="/calibration/reviews">Clear</Link> : null}
      </Form>

      <section className="section" aria-labelledby="reviews-title">
        <h2 id="reviews-title">
          {filtered ? "Matching reviews" : "All reviews"} <span className="count">{reviews.length}</span>
        </h2>
        {reviews.length === 0 ? (
          <p className="empty">
            {errors ? "Fix the search above." : filtered ? "No review matches." : "No review has been opened yet."}
          </p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Candidate</th>
                <th scope="col">Status</th>
                <th scope="col">Opened</th>
                <th scope="col">Agreed reading</th>
              </tr>
            </thead>
            <tbody>
              {reviews.map((r) => (
                <tr key={r.id}>
                  <td>
                    {/* Two candidates may share a name: the id tells them apart. */}
                    <Link to={`/calibration/reviews/${r.id}`}>{r.candidateName}</Link>{" "}
                    <span className="muted">#{r.candidateId}</span>
                  </td>
                  <td>
                    <span className={`badge badge-${r.status}`}>{STATUS_LABEL[r.status]}</span>
                  </td>
                  <td>
                    {r.openedByName}
                    <br />
                    <span className="muted nowrap">{formatDateTime(r.openedAt)}</span>
                  </td>
                  <td className="excerpt">
                    {r.agreedReadingExcerpt || <span className="empty">Not written yet</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {reviews.length >= limit ? (
          <p className="hint">Showing the newest {limit}; search to narrow the list.</p>
        ) : null}
      </section>
    </div>
  );
}

export const ErrorBoundary = ErrorPage;
