import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Notice } from "~/components/form-fields";
import { InterviewTable } from "~/components/admin/interview-table";
import { ScheduleForm } from "~/components/admin/schedule-form";
import { ErrorPage } from "~/components/error-page";
import { listSchedulableCandidates } from "~/models/candidate.server";
import { listActiveInterviewers } from "~/models/people.server";
import { getLatestRubricVersion } from "~/models/rubric.server";
import { listInterviewsForAdmin, scheduleInterview } from "~/models/schedule.server";
import { formDataToObject } from "~/schemas/form-data";
import { scheduleInterviewSchema } from "~/schemas/admin-interview-schema";
import { formatDateTime } from "~/utils/format";
import { toFieldErrors } from "~/schemas/form-errors";
import { requireAdmin } from "~/utils/session.server";
import { readFormData } from "~/utils/read-form.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const version = getLatestRubricVersion();
  return json({
    ...listInterviewsForAdmin(),
    candidates: listSchedulableCandidates(),
    interviewers: listActiveInterviewers(),
    variants: version.rubric.variants.map((v) => ({ key: v.key, name: v.name })),
    rubricVersionId: version.id,
    now: new Date().toISOString(),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const input = formDataToObject(await readFormData(request));
  const variantKeys = getLatestRubricVersion().rubric.variants.map((v) => v.key);
  const parsed = scheduleInterviewSchema(variantKeys).safeParse(input);
  if (!parsed.success) return json({ errors: toFieldErrors(parsed.error), values: input }, { status: 400 });
  const result = scheduleInterview(parsed.data, admin.id);
  if (result.kind === "invalid") return json({ errors: result.errors, values: input }, { status: 400 });
  return redirect(`/admin/interviews?scheduled=${result.id}`);
}

export const meta: MetaFunction = () => [{ title: "Interviews · Admin · Panel Scorecard" }];

export default function AdminInterviewsPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const scheduledId = Number(searchParams.get("scheduled")) || undefined;
  const scheduled = data.upcoming.find((i) => i.id === scheduledId);
  return (
    <main className="page">
      <h1>Interviews</h1>
      <p className="muted">
        Schedule an interview, choose its panel, and change the panel until scoring starts. Times are UTC.
      </p>
      {scheduled ? (
        <Notice>
          Scheduled {scheduled.candidateName} for {formatDateTime(scheduled.scheduledAt)} with {scheduled.panel}.
        </Notice>
      ) : null}
      <ScheduleForm
        // A fresh, empty form after each scheduled interview.
        key={scheduledId ?? "new"}
        candidates={data.candidates}
        variants={data.variants}
        interviewers={data.interviewers}
        rubricVersionId={data.rubricVersionId}
        now={data.now}
        preselectCandidate={searchParams.get("candidate") ?? undefined}
        result={actionData}
      />
      <section className="section" aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">
          Upcoming <span className="count">{data.upcoming.length}</span>
        </h2>
        {data.upcoming.length ? (
          <InterviewTable rows={data.upcoming} highlight={scheduledId} />
        ) : (
          <p className="empty">Nothing scheduled.</p>
        )}
      </section>
      <section className="section" aria-labelledby="past-heading">
        <h2 id="past-heading">
          Past <span className="count">{data.pastTotal}</span>
        </h2>
        {data.past.length ? <InterviewTable rows={data.past} /> : <p className="empty">No past interviews.</p>}
        {data.pastTotal > data.past.length ? <p className="hint">Showing the latest {data.past.length}.</p> : null}
      </section>
    </main>
  );
}

export const ErrorBoundary = ErrorPage;
