import { forwardRef, useId, type InputHTMLAttributes, type ReactNode } from "react";
import type { FieldPath, UseFormReturn } from "react-hook-form";
import type { RubricEdit, RubricFormValues } from "~/domain/rubric/rubric-form-values";
import { field, FieldMessages, TextAreaField } from "~/components/form-fields";

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

/** A field's registration with its error, by path: what every text field of the editor spreads. */
export function bindField(form: RubricForm, errorAt: ErrorAt) {
  return (path: FieldPath<RubricFormValues>) => ({ error: errorAt(path), ...field(form, path) });
}

/** One collapsible item (a dimension, red flag or variant): open when new or when anything inside has an error. */
export function RubricItem(props: {
  at: string;
  title: string;
  /** Said after the title, muted: what the item is at a glance. */
  summary: string;
  isNew?: boolean;
  hasErrorsUnder: RubricPartProps["hasErrorsUnder"];
  children: ReactNode;
}) {
  const { at, title, summary, isNew, hasErrorsUnder, children } = props;
  const needsAttention = hasErrorsUnder(at);
  return (
    <details className="rubric-item" open={isNew || needsAttention || undefined}>
      <summary>
        <span className="rubric-item-title">{title}</span>
        <span className="muted"> · {summary}</span>
        {needsAttention ? <span className="badge badge-error">Needs attention</span> : null}
      </summary>
      <div className="stack rubric-item-body">{children}</div>
    </details>
  );
}

/** A dimension's or a variant's interview probes. */
export function ProbesField({
  bind,
  at,
}: {
  bind: ReturnType<typeof bindField>;
  at: `dimensions.${number}` | `variants.${number}`;
}) {
  return <TextAreaField label="Probes" hint="One per line, at most 8." rows={3} {...bind(`${at}.probes`)} />;
}

/** Removes a red flag or a variant; the item's name is read out with it. */
export function RemoveItemButton({ what, name, onClick }: { what: string; name: string; onClick: () => void }) {
  return (
    <div>
      <button type="button" className="link-button danger" onClick={onClick}>
        Remove this {what}
        <span className="visually-hidden"> ({name})</span>
      </button>
    </div>
  );
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
