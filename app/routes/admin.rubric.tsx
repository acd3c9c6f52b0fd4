import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
  type LinksFunction,
} from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Notice } from "~/components/form-fields";
import { RubricForm } from "~/components/admin/rubric-form";
import { ErrorPage } from "~/components/error-page";
import { getLatestRubricVersion, getRubricVersion } from "~/models/rubric.server";
import { listRubricVersions, saveRubricVersion } from "~/models/rubric.server";
import { formDataToObject } from "~/schemas/form-data";
import { rubricFormSchema } from "~/schemas/admin-rubric-schema";
import { toFieldErrors } from "~/schemas/form-errors";
import { requireAdmin } from "~/utils/session.server";
import { readFormData } from "~/utils/read-form.server";
import { idFromText } from "~/schemas/form-number";
import rubricEditorStyles from "~/styles/rubric-editor.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: rubricEditorStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const latest = getLatestRubricVersion();
  return json({ version: { id: latest.id, rubric: latest.rubric }, versions: listRubricVersions() });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const input = formDataToObject(await readFormData(request));
  const latest = getLatestRubricVersion();
  const base = getRubricVersion(idFromText(input.baseVersionId) ?? 0);
  const stale = (latestId: number) =>
    json(
      {
        errors: {
          form: `Someone saved version ${latestId} while you were editing, so your changes were not saved. The form now shows version ${latestId}: make your changes again on it.`,
        },
        values: input,
      },
      { status: 409 },
    );
  if (!base)
    return json({ errors: { form: "Unknown rubric version: reload the page" }, values: input }, { status: 400 });
  if (base.id !== latest.id) return stale(latest.id);

  const parsed = rubricFormSchema(base.rubric).safeParse(input);
  if (!parsed.success) return json({ errors: toFieldErrors(parsed.error), values: input }, { status: 400 });
  const result = saveRubricVersion(parsed.data, admin.id);
  if (result.kind === "stale") return stale(result.latestId);
  if (result.kind === "unchanged") {
    return json(
      { errors: { form: "Nothing in the rubric changed, so no new version was made." }, values: input },
      { status: 400 },
    );
  }
  return redirect(`/admin/rubric?saved=${result.id}`);
}

export const meta: MetaFunction = () => [{ title: "Rubric · Admin · Panel Scorecard" }];

export default function RubricPage() {
  const { version, versions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  return (
    <main className="page">
      <h1>Rubric</h1>
      <p className="muted">
        Version <strong>{version.id}</strong> is current. Saving makes a new version: interviews and scorecards keep the
        version they began with, and interviews scheduled from then on use the new one.
      </p>
      {searchParams.get("saved") === String(version.id) ? <Notice>Saved as version {version.id}.</Notice> : null}
      <div className="rubric-layout">
        <RubricForm key={version.id} rubric={version.rubric} versionId={version.id} result={actionData} />
        <aside aria-labelledby="history-heading" className="card rubric-history">
          <h2 id="history-heading">History</h2>
          <ol reversed className="versions">
            {versions.map((v) => (
              <li key={v.id} aria-current={v.id === version.id ? "true" : undefined}>
                <p className="version-head">
                  <strong>Version {v.id}</strong>
                  {v.id === version.id ? <span className="badge badge-submitted">Current</span> : null}
                </p>
                <p className="version-note">{v.note ?? <span className="empty">No note</span>}</p>
                <p className="hint">
                  {v.createdAt.slice(0, 10)}
                  {v.createdBy ? ` · ${v.createdBy}` : ""} · {v.interviews} interview{v.interviews === 1 ? "" : "s"},{" "}
                  {v.scorecards} scorecard
                  {v.scorecards === 1 ? "" : "s"}
                </p>
              </li>
            ))}
          </ol>
        </aside>
      </div>
    </main>
  );
}

export const ErrorBoundary = ErrorPage;
