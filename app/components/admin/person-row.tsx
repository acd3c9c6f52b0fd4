import { zodResolver } from "@hookform/resolvers/zod";
import { Form, useNavigation, useSubmit } from "@remix-run/react";
import { useForm } from "react-hook-form";
import {
  PersonRolesSchema,
  ROLE_LABELS,
  type PeopleActionData,
  type PersonRoles,
  type PersonRolesForm,
} from "~/schemas/admin-person-schema";
import { ROLES, type Role } from "~/domain/roles";
import { ChoiceGroup, FormError, useFieldErrors } from "~/components/form-fields";

interface PersonRowProps {
  person: { id: number; name: string; email: string; active: boolean; roles: Role[]; scorecards: number };
  isSelf: boolean;
  /** The action's answer, when it was about this person. */
  result?: PeopleActionData;
}

export function PersonRow({ person, isSelf, result }: PersonRowProps) {
  const submit = useSubmit();
  const navigation = useNavigation();
  const {
    register,
    handleSubmit,
    getValues,
    formState: { errors, isDirty },
  } = useForm<PersonRolesForm, unknown, PersonRoles>({
    resolver: zodResolver(PersonRolesSchema),
    defaultValues: { intent: "roles", userId: String(person.id), roles: person.roles },
  });
  const errorAt = useFieldErrors(errors, result?.intent === "roles" ? result.errors : undefined);
  const pending = navigation.state === "submitting" && navigation.formData?.get("userId") === String(person.id);

  return (
    <tr className={person.active ? undefined : "inactive"}>
      <td>
        <strong>{person.name}</strong>
        {isSelf ? <span className="badge badge-self">You</span> : null}
        <br />
        <span className="muted">{person.email}</span>
      </td>
      <td>
        {person.active ? (
          <Form
            method="post"
            noValidate
            className="roles-form"
            onSubmit={(event) => {
              const form = event.currentTarget;
              handleSubmit(() => submit(form))(event);
            }}
          >
            <input type="hidden" name="intent" value="roles" />
            <input type="hidden" name="userId" value={person.id} />
            <ChoiceGroup
              legend={`Roles of ${person.name}`}
              hideLegend
              type="checkbox"
              className="inline compact"
              options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
              field={register("roles")}
              checked={getValues("roles")}
              error={errorAt("roles")}
            />
            <span className="roles-actions">
              <button type="submit" className="button small" disabled={pending}>
                {pending ? (
                  "Saving…"
                ) : (
                  <>
                    Save<span className="visually-hidden"> roles of {person.name}</span>
                  </>
                )}
              </button>
              {result?.intent === "roles" && result.saved && !isDirty ? (
                <span className="saved" role="status">
                  Saved
                </span>
              ) : null}
            </span>
          </Form>
        ) : (
          <span className="muted">{person.roles.map((r) => ROLE_LABELS[r]).join(", ") || "No roles"}</span>
        )}
      </td>
      <td>
        {person.active ? (
          <span className="badge badge-active">Active</span>
        ) : (
          <span className="badge badge-inactive">Deactivated</span>
        )}
      </td>
      <td>{person.scorecards}</td>
      <td>
        {person.active && !isSelf ? (
          <details className="deactivate">
            <summary>
              Deactivate<span className="visually-hidden"> {person.name}</span>…
            </summary>
            <Form method="post" className="deactivate-confirm">
              <p>
                {person.name} will be signed out and can no longer sign in. Their {person.scorecards} scorecard
                {person.scorecards === 1 ? "" : "s"} stay.
              </p>
              <input type="hidden" name="intent" value="deactivate" />
              <input type="hidden" name="userId" value={person.id} />
              <button type="submit" className="button danger small">
                Deactivate {person.name}
              </button>
            </Form>
          </details>
        ) : null}
        {result?.intent === "deactivate" ? <FormError message={result.errors?.form} /> : null}
      </td>
    </tr>
  );
}
