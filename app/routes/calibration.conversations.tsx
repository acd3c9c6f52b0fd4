import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useForm } from "react-hook-form";
import { ErrorPage } from "~/components/error-page";
import {
  FormError,
  schemaResolver,
  SelectField,
  TextAreaField,
  TextField,
  ValidatedForm,
} from "~/components/form-fields";
import { CONVERSATION_EFFECTS, effectName, isFollowUpDue } from "~/domain/conversation-effects";
import {
  completeFollowUp,
  listConversations,
  listInterviewerChoices,
  recordConversation,
} from "~/models/conversation.server";
import {
  AGREED_MAX,
  ConversationActionSchema,
  ConversationSchema,
  type Conversation,
  type ConversationForm,
} from "~/schemas/conversation-schema";
import { toFieldErrors, type FieldErrors } from "~/schemas/form-errors";
import { formatDateTime } from "~/utils/format";
import { readFormData } from "~/utils/read-form.server";
import { requireRole } from "~/utils/session.server";

const today = () => new Date().toISOString().slice(0, 10);

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "lead");
  const wanted = Number(new URL(request.url).searchParams.get("interviewer"));
  const interviewers = listInterviewerChoices();
  const focus = interviewers.find((i) => i.id === wanted)?.id ?? null;
  return json({ interviewers, focus, today: today(), conversations: listConversations(focus ?? undefined) });
}

export async function action({ request }: ActionFunctionArgs) {
  const lead = await requireRole(request, "lead");
  const form = await readFormData(request);
  const parsed = ConversationActionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success)
    return json({ errors: toFieldErrors(parsed.error), intent: String(form.get("intent") ?? "") }, { status: 400 });
  const input = parsed.data;
  if (input.intent === "record") {
    const checked = ConversationSchema.safeParse(Object.fromEntries(form));
    if (!checked.success) return json({ errors: toFieldErrors(checked.error), intent: "record" }, { status: 400 });
  }
  const result =
    input.intent === "record"
      ? recordConversation(input, lead.id)
      : completeFollowUp(input.conversationId, input.note, lead.id);
  if (result.kind === "refused")
    return json({ errors: { [result.field]: result.message }, intent: input.intent }, { status: 400 });
  return redirect(
    `/calibration/conversations${input.intent === "record" ? `?interviewer=${input.interviewerId}` : ""}#conversation-${result.id}`,
  );
}

export const meta: MetaFunction = () => [{ title: "Conversations · Calibration · Panel Scorecard" }];

export default function CalibrationConversations() {
  const { interviewers, focus, today, conversations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const focusName = interviewers.find((i) => i.id === focus)?.name;
  return (
    <div className="conversations-layout">
      <RecordConversation
        interviewers={interviewers}
        focus={focus}
        today={today}
        errors={actionData?.intent === "record" ? actionData.errors : undefined}
      />
      <section className="card" aria-labelledby="conversations-title">
        <h2 id="conversations-title">{focusName ? `Conversations with ${focusName}` : "Calibration conversations"}</h2>
        {focus ? <Link to="/calibration/conversations">Show everyone's</Link> : null}
        <FormError
          message={actionData?.intent === "follow-up-done" ? Object.values(actionData.errors)[0] : undefined}
        />
        {conversations.length === 0 ? (
          <p className="empty">No conversation recorded yet.</p>
        ) : (
          <ul className="conversation-list">
            {conversations.map((c) => (
              <li key={c.id} id={`conversation-${c.id}`} className="conversation">
                <p>
                  <strong>{c.heldOn}</strong> ·{" "}
                  <Link to={`/calibration/conversations?interviewer=${c.interviewerId}`}>{c.interviewerName}</Link>{" "}
                  <span className="muted">#{c.interviewerId}</span> · {effectName(c.effect)}{" "}
                  <span className="muted">(by {c.leadName})</span>
                </p>
                <p className="agreed">{c.agreed}</p>
                {c.followUpOn === null ? (
                  <p className="muted">No follow-up planned.</p>
                ) : c.followUpDoneAt ? (
                  <p className="muted">
                    Followed up {formatDateTime(c.followUpDoneAt)}
                    {c.followUpNote ? `: ${c.followUpNote}` : ""}
                  </p>
                ) : (
                  <Form method="post" className="follow-up">
                    <span>
                      Follow up on {c.followUpOn}{" "}
                      {isFollowUpDue(c, today) ? <span className="badge badge-overdue">due</span> : null}
                    </span>
                    <input type="hidden" name="intent" value="follow-up-done" />
                    <input type="hidden" name="conversationId" value={c.id} />
                    <label className="visually-hidden" htmlFor={`follow-up-note-${c.id}`}>
                      What the follow-up found
                    </label>
                    <input
                      id={`follow-up-note-${c.id}`}
                      name="note"
                      placeholder="What the follow-up found"
                      maxLength={5000}
                    />
                    <button type="submit" className="button">
                      Mark followed up
                    </button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function RecordConversation({
  interviewers,
  focus,
  today,
  errors,
}: {
  interviewers: { id: number; name: string; email: string }[];
  focus: number | null;
  today: string;
  errors?: FieldErrors;
}) {
  const form = useForm<ConversationForm, unknown, Conversation>({
    resolver: schemaResolver(ConversationSchema),
    defaultValues: { intent: "record", interviewerId: focus ? String(focus) : "", heldOn: today, followUpOn: "" },
    mode: "onTouched",
  });
  const error = (path: keyof ConversationForm) => form.formState.errors[path]?.message ?? errors?.[path];
  // Two people may share a name: the email tells them apart.
  const sameName = (name: string) => interviewers.filter((i) => i.name === name).length > 1;
  return (
    <ValidatedForm handleSubmit={form.handleSubmit} className="card stack" aria-labelledby="record-title">
      <h2 id="record-title">Record a conversation</h2>
      <FormError message={errors?.form} />
      <input type="hidden" {...form.register("intent")} />
      <SelectField
        label="Interviewer"
        error={error("interviewerId")}
        defaultValue={focus ? String(focus) : ""}
        {...form.register("interviewerId")}
      >
        <option value="">Choose…</option>
        {interviewers.map((i) => (
          <option key={i.id} value={i.id}>
            {sameName(i.name) ? `${i.name} (${i.email})` : i.name}
          </option>
        ))}
      </SelectField>
      <SelectField label="Effect discussed" error={error("effect")} {...form.register("effect")}>
        <option value="">Choose…</option>
        {CONVERSATION_EFFECTS.map((e) => (
          <option key={e.key} value={e.key}>
            {e.name}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Held on"
        type="date"
        error={error("heldOn")}
        defaultValue={today}
        {...form.register("heldOn")}
      />
      <TextAreaField
        label="What you agreed"
        rows={4}
        maxLength={AGREED_MAX}
        hint="E.g. “re-read the Repair anchors before each interview; use 4 only for evidence beyond the level”."
        error={error("agreed")}
        {...form.register("agreed")}
      />
      <TextField
        label="Follow up on"
        type="date"
        hint="Optional. On that day it appears on the calibration overview until marked done."
        error={error("followUpOn")}
        {...form.register("followUpOn")}
      />
      <div>
        <button type="submit" className="button primary">
          Record conversation
        </button>
      </div>
    </ValidatedForm>
  );
}

export const ErrorBoundary = ErrorPage;
