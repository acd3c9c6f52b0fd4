import { zodResolver } from "@hookform/resolvers/zod";
import { useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import { useForm } from "react-hook-form";
import {
  NewPersonSchema,
  PASSWORD_MIN,
  ROLE_LABELS,
  type NewPerson,
  type NewPersonForm as Values,
  type PeopleActionData,
} from "~/schemas/admin-person-schema";
import { ROLES } from "~/domain/roles";
import { ChoiceGroup, field, FormError, TextField, useFieldErrors, ValidatedForm } from "~/components/form-fields";

const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === "string" ? [v] : []);
const text = (v: unknown) => (typeof v === "string" ? v : "");

export function NewPersonForm({ result }: { result?: PeopleActionData }) {
  const navigation = useNavigation();
  const posted = result?.values; // a no-JavaScript post that failed: show what was typed
  const form = useForm<Values, unknown, NewPerson>({
    resolver: zodResolver(NewPersonSchema),
    mode: "onTouched",
    defaultValues: {
      intent: "create",
      name: text(posted?.name),
      email: text(posted?.email),
      roles: posted ? list(posted.roles) : ["interviewer"],
      passwordMode: posted?.passwordMode === "set" ? "set" : "generate",
      password: "",
    },
  });
  const {
    register,
    handleSubmit,
    reset,
    watch,
    getValues,
    formState: { errors },
  } = form;
  const errorAt = useFieldErrors(errors, result?.errors);
  const created = result?.created;
  useEffect(() => {
    if (created) reset();
  }, [created, reset]);
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "create";

  return (
    <section className="card" aria-labelledby="new-person-heading">
      <h2 id="new-person-heading">Add a person</h2>
      {created ? (
        <div className="notice admin-notice" role="status">
          <p>
            Added {created.name} ({created.email}).
          </p>
          {created.password ? (
            <p>
              Their first password is <code className="secret">{created.password}</code> — give it to them now: it is
              not shown again.
            </p>
          ) : null}
        </div>
      ) : null}
      <ValidatedForm handleSubmit={handleSubmit} className="stack">
        <FormError message={result?.errors?.form} />
        <input type="hidden" name="intent" value="create" />
        <div className="admin-grid">
          <TextField type="text" label="Name" autoComplete="off" error={errorAt("name")} {...field(form, "name")} />
          <TextField label="Email" type="email" autoComplete="off" error={errorAt("email")} {...field(form, "email")} />
        </div>
        <ChoiceGroup
          legend="Roles"
          type="checkbox"
          className="inline"
          options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          field={register("roles")}
          checked={getValues("roles")}
          error={errorAt("roles")}
          hint="Several are allowed."
        />
        <ChoiceGroup
          legend="First password"
          type="radio"
          className="inline"
          options={[
            { value: "generate", label: "Generate one and show it once" },
            { value: "set", label: "Set it now" },
          ]}
          field={register("passwordMode")}
          checked={getValues("passwordMode")}
          error={errorAt("passwordMode")}
        />
        {watch("passwordMode") === "set" ? (
          <TextField
            label="Password"
            type="password"
            autoComplete="new-password"
            hint={`At least ${PASSWORD_MIN} characters. Tell them to keep it safe.`}
            error={errorAt("password")}
            {...register("password")}
          />
        ) : null}
        <div>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? "Adding…" : "Add person"}
          </button>
        </div>
      </ValidatedForm>
    </section>
  );
}
