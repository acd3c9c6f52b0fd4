import { zodResolver } from "@hookform/resolvers/zod";
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useForm } from "react-hook-form";
import { ErrorPage } from "~/components/error-page";
import { INDEPENDENCE_LABELS, INDEPENDENCE_MODES } from "~/domain/independence";
import { getIndependenceMode, setIndependenceMode } from "~/models/settings.server";
import { formDataToObject } from "~/schemas/form-data";
import { SettingsSchema, type SettingsForm } from "~/schemas/admin-settings-schema";
import { toFieldErrors } from "~/schemas/form-errors";
import { requireAdmin } from "~/utils/session.server";
import { ChoiceGroup, Notice, useFieldErrors, ValidatedForm } from "~/components/form-fields";
import { readFormData } from "~/utils/read-form.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return json({ independence: getIndependenceMode() });
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const parsed = SettingsSchema.safeParse(formDataToObject(await readFormData(request)));
  if (!parsed.success) return json({ errors: toFieldErrors(parsed.error) }, { status: 400 });
  if (parsed.data.independence !== getIndependenceMode()) setIndependenceMode(parsed.data.independence, admin.id);
  return redirect("/admin/settings?saved=1");
}

export const meta: MetaFunction = () => [{ title: "Settings · Admin · Panel Scorecard" }];

export default function SettingsPage() {
  const { independence } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<SettingsForm>({ resolver: zodResolver(SettingsSchema), defaultValues: { independence } });
  const errorAt = useFieldErrors(errors, actionData?.errors);
  return (
    <main className="page">
      <h1>Settings</h1>
      {searchParams.get("saved") ? <Notice>Settings saved.</Notice> : null}
      <ValidatedForm handleSubmit={handleSubmit} className="card stack">
        <ChoiceGroup
          legend="Independence: may interviewers see other panellists' scorecards?"
          type="radio"
          className="stacked"
          hint="Seeing others' scores before scoring anchors an interviewer's own judgement. Recruiting leads always see every scorecard."
          options={INDEPENDENCE_MODES.map((mode) => ({ value: mode, label: INDEPENDENCE_LABELS[mode] }))}
          field={register("independence")}
          checked={independence}
          error={errorAt("independence")}
        />
        <div>
          <button type="submit" className="button primary" disabled={navigation.state === "submitting"}>
            {navigation.state === "submitting" ? "Saving…" : "Save settings"}
          </button>
        </div>
      </ValidatedForm>
    </main>
  );
}

export const ErrorBoundary = ErrorPage;
