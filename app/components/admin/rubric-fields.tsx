import { forwardRef, useId, type InputHTMLAttributes } from "react";
import type { UseFormReturn } from "react-hook-form";
import type { RubricEdit, RubricFormValues } from "~/domain/rubric/rubric-form-values";
import { field, FieldMessages } from "~/components/form-fields";

// Shared by the rubric editor's parts.

export type RubricForm = UseFormReturn<RubricFormValues, unknown, RubricEdit>;
export type ErrorAt = (path: string) => string | undefined;

export interface RubricPartProps {
  form: RubricForm;
  index: number;
  errorAt: ErrorAt;
  /** Whether anything inside has an error: its section opens. */
  hasErrorsUnder: (prefix: string) => boolean;
}

/** Keys name an item across versions (calibration compares by key): fixed once saved. */
export function KeyField({
  form,
  name,
  error,
  isNew,
  label = "Key",
}: {
  form: RubricForm;
  name: `${string}.key`;
  error?: string;
  isNew: boolean;
  label?: string;
}) {
  const id = useId();
  const hint = isNew
    ? "Lower-case letters, digits and _; it can't change once saved."
    : "Fixed: it names this item in every version.";
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <FieldMessages id={id} hint={hint} />
      <input
        id={id}
        type="text"
        readOnly={!isNew}
        className={isNew ? undefined : "readonly"}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={[`${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ")}
        {...field(form, name as never)}
      />
      <FieldMessages id={id} error={error} />
    </div>
  );
}

/** A small number input (a weight, a cap) whose error may also be a group's (the weights' total). */
export const NumberInput = forwardRef<
  HTMLInputElement,
  InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string; groupErrorId?: string }
>(function NumberInput({ label, error, groupErrorId, ...input }, ref) {
  const id = useId();
  return (
    <div className="field number-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={ref}
        type="number"
        inputMode="numeric"
        aria-invalid={error || groupErrorId ? true : undefined}
        aria-describedby={[error && `${id}-error`, groupErrorId].filter(Boolean).join(" ") || undefined}
        {...input}
      />
      <FieldMessages id={id} error={error} />
    </div>
  );
});
