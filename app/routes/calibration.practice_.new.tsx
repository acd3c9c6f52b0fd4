import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { ExemplarForm } from "~/components/practice/exemplar-form";
import practiceStyles from "~/components/practice/practice.css";
import { createExemplar } from "~/models/exemplar.server";
import { getLatestRubricVersion } from "~/models/rubric.server";
import { exemplarFormSchema, formDataToExemplarInput } from "~/schemas/exemplar-form-schema";
import { toFieldErrors, type FieldErrors } from "~/schemas/form-errors";
import { requireEveryRole } from "~/utils/session.server";
import { readFormData } from "~/utils/read-form.server";
import calibrationStyles from "~/styles/calibration.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: calibrationStyles },
  { rel: "stylesheet", href: practiceStyles },
];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireEveryRole(request, "lead", "admin");
  const { id, rubric } = getLatestRubricVersion();
  return json({
    rubricVersionId: id,
    rubric: {
      scale: rubric.scale,
      dimensions: rubric.dimensions,
      recommendations: rubric.recommendations,
      redFlags: rubric.redFlags,
      levels: rubric.levels,
    },
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireEveryRole(request, "lead", "admin");
  // The key is checked against the rubric practice interviews are started on: the latest.
  const version = getLatestRubricVersion();
  const input = formDataToExemplarInput(await readFormData(request));
  const parsed = exemplarFormSchema(version.rubric).safeParse(input);
  if (!parsed.success)
    return json({ errors: toFieldErrors(parsed.error) as FieldErrors, values: input }, { status: 400 });
  createExemplar(parsed.data, version.id, user.id);
  return redirect("/calibration/practice");
}

export const meta: MetaFunction = () => [{ title: "Add an exemplar · Practice · Panel Scorecard" }];

export default function NewExemplarPage() {
  const { rubric, rubricVersionId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="stack">
      <p className="breadcrumb">
        <Link to="/calibration/practice">← Practice</Link>
      </p>
      <h2>Add an exemplar</h2>
      <p className="muted">
        A worked answer interviewers will score in practice, and the reference key they are compared with — checked
        against rubric v{rubricVersionId}: every dimension rated on its {rubric.scale.min}–{rubric.scale.max} scale with
        a one-line reason, no rating above a raised flag&apos;s cap, and a recommendation that agrees with the
        key&apos;s weighted score.
      </p>
      <ExemplarForm rubric={rubric} values={actionData?.values} serverErrors={actionData?.errors} />
    </div>
  );
}

export const ErrorBoundary = ErrorPage;
