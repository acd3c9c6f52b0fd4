import { zodResolver } from "@hookform/resolvers/zod";
import { Form, useNavigation, useSubmit } from "@remix-run/react";
import { useForm } from "react-hook-form";
import {
  AGREED_READING_MAX,
  FOLLOW_UPS_MAX,
  REVIEW_NOTES_MAX,
  ReviewOutcomeSchema,
  type ReviewOutcome,
  type ReviewOutcomeForm as Values,
} from "~/schemas/review-outcome-schema";
import type { FieldErrors } from "~/schemas/form-errors";
import { TextAreaField } from "~/components/form-fields";

interface ReviewOutcomeFormProps {
  /** What the form starts from: the stored outcome, or what a refused post carried. */
  values: { agreedReading: string; notes: string; followUps: string; version: string };
  serverErrors?: FieldErrors;
}

/**
 * The lead's outcome of a review. "Save" keeps it open; "Save and close" needs an agreed reading.
 * The same schema runs here (instant errors) and in the action (the authority); without
 * JavaScript the buttons post their own intent.
 */
export function ReviewOutcomeForm({ values, serverErrors }: ReviewOutcomeFormProps) {
  const submit = useSubmit();
  const navigation = useNavigation();
  const {
    register,
    handleSubmit,
    setValue,
    formState: { errors },
  } = useForm<Values, unknown, ReviewOutcome>({
    resolver: zodResolver(ReviewOutcomeSchema),
    defaultValues: { ...values, intent: "save" },
    mode: "onTouched",
  });
  const fieldError = (name: "agreedReading" | "notes" | "followUps") => errors[name]?.message ?? serverErrors?.[name];
  const busy = navigation.state === "submitting";
  const formError = serverErrors?.form ?? serverErrors?.version ?? serverErrors?.intent ?? errors.version?.message;

  return (
    <Form
      method="post"
      noValidate
      className="card stack review-outcome"
      aria-labelledby="outcome-title"
      onSubmit={(event) => {
        const form = event.currentTarget;
        const submitter = (event.nativeEvent as SubmitEvent).submitter;
        const button = submitter instanceof HTMLButtonElement ? submitter : null;
        setValue("intent", button?.value === "close" ? "close" : "save");
        handleSubmit(() => submit(button ?? form))(event);
      }}
    >
      <h2 id="outcome-title">Outcome</h2>
      {formError ? (
        <p className="form-error" role="alert">
          {formError}
        </p>
      ) : null}
      <input type="hidden" {...register("version")} />
      <TextAreaField
        label="Agreed reading"
        hint="What the panel's evidence supports, as the lead and panel now read it. Needed to close the review."
        rows={4}
        maxLength={AGREED_READING_MAX}
        error={fieldError("agreedReading")}
        {...register("agreedReading")}
      />
      <TextAreaField
        label="Notes"
        hint="How the discussion went, what each reading rested on."
        rows={5}
        maxLength={REVIEW_NOTES_MAX}
        error={fieldError("notes")}
        {...register("notes")}
      />
      <TextAreaField
        label="Follow-ups"
        hint="E.g. “revisit the Repair anchors with these interviewers”."
        rows={3}
        maxLength={FOLLOW_UPS_MAX}
        error={fieldError("followUps")}
        {...register("followUps")}
      />
      <div className="review-actions">
        <button type="submit" name="intent" value="save" className="button" disabled={busy}>
          Save
        </button>
        <button type="submit" name="intent" value="close" className="button primary" disabled={busy}>
          Save and close review
        </button>
        {busy ? <span className="muted">Saving…</span> : null}
      </div>
    </Form>
  );
}
