import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { NewPersonForm } from "~/components/admin/new-person-form";
import { PersonRow } from "~/components/admin/person-row";
import { ErrorPage } from "~/components/error-page";
import { changeRoles, createPerson, deactivatePerson, generatePassword, listPeople } from "~/models/people.server";
import { formDataToObject } from "~/schemas/form-data";
import {
  DeactivatePersonSchema,
  EMAIL_TAKEN,
  NewPersonSchema,
  PersonRolesSchema,
  type PeopleActionData,
} from "~/schemas/admin-person-schema";
import { toFieldErrors } from "~/schemas/form-errors";
import { hashPassword } from "~/models/password.server";
import { requireAdmin } from "~/utils/session.server";
import { readFormData } from "~/utils/read-form.server";
import { idFromText } from "~/schemas/form-number";
import { invariantFound } from "~/utils/invariant";

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  return json({ people: listPeople(), selfId: admin.id });
}

const reply = (data: PeopleActionData, status = 200) =>
  json(data, { status, headers: { "Cache-Control": "no-store" } });

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const input = formDataToObject(await readFormData(request));

  if (input.intent === "create") {
    const values = { ...input, password: "" }; // what was typed comes back, never the password
    const parsed = NewPersonSchema.safeParse(input);
    if (!parsed.success) return reply({ intent: "create", errors: toFieldErrors(parsed.error), values }, 400);
    const { name, email, roles, passwordMode } = parsed.data;
    const password = passwordMode === "generate" ? generatePassword() : parsed.data.password;
    const result = createPerson({ name, email, roles, passwordHash: await hashPassword(password) }, admin.id);
    if (result.kind === "email_taken") return reply({ intent: "create", errors: { email: EMAIL_TAKEN }, values }, 400);
    return reply({
      intent: "create",
      created: { id: result.id, name, email, password: passwordMode === "generate" ? password : null },
    });
  }

  if (input.intent === "roles") {
    const parsed = PersonRolesSchema.safeParse(input);
    const userId = idFromText(input.userId) ?? undefined;
    if (!parsed.success) return reply({ intent: "roles", userId, errors: toFieldErrors(parsed.error) }, 400);
    if (parsed.data.userId === admin.id && !parsed.data.roles.includes("admin")) {
      return reply({ intent: "roles", userId, errors: { roles: "You can't remove your own admin role" } }, 400);
    }
    const result = changeRoles(parsed.data.userId, parsed.data.roles, admin.id);
    invariantFound(result.kind !== "not_found");
    return reply({ intent: "roles", userId, saved: true });
  }

  if (input.intent === "deactivate") {
    const parsed = DeactivatePersonSchema.safeParse(input);
    if (!parsed.success) return reply({ intent: "deactivate", errors: toFieldErrors(parsed.error) }, 400);
    const { userId } = parsed.data;
    if (userId === admin.id)
      return reply({ intent: "deactivate", userId, errors: { form: "You can't deactivate your own account" } }, 400);
    invariantFound(deactivatePerson(userId, admin.id).kind !== "not_found");
    return reply({ intent: "deactivate", userId, saved: true });
  }

  return reply({ intent: null, errors: { form: "Unknown action" } }, 400);
}

export const meta: MetaFunction = () => [{ title: "People · Admin · Panel Scorecard" }];

export default function PeoplePage() {
  const { people, selfId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as PeopleActionData | undefined;
  const active = people.filter((p) => p.active).length;
  return (
    <main className="page">
      <h1>People</h1>
      <p className="muted">
        {active} active, {people.length - active} deactivated. A deactivated person cannot sign in; their scorecards
        stay.
      </p>
      <NewPersonForm result={actionData?.intent === "create" ? actionData : undefined} />
      <section className="section" aria-labelledby="people-heading">
        <h2 id="people-heading">
          Everyone <span className="count">{people.length}</span>
        </h2>
        <table className="table admin-people">
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Roles</th>
              <th scope="col">Status</th>
              <th scope="col">Scorecards</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {people.map((person) => (
              <PersonRow
                key={`${person.id}-${person.roles.join()}-${person.active}`}
                person={person}
                isSelf={person.id === selfId}
                result={
                  actionData && actionData.intent !== "create" && actionData.userId === person.id
                    ? actionData
                    : undefined
                }
              />
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}

export const ErrorBoundary = ErrorPage;
