import { zodResolver } from "@hookform/resolvers/zod";
import { Form, useSubmit, type FormProps } from "@remix-run/react";
import {
  forwardRef,
  useId,
  type FormEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import type {
  FieldErrors as FormErrors,
  FieldPath,
  FieldValues,
  Resolver,
  UseFormRegisterReturn,
  UseFormReturn,
} from "react-hook-form";
import type { z } from "zod/v3";
import type { FieldErrors } from "~/schemas/form-errors";

// The form fields every form uses: labelled, the error announced and tied to the control
// (aria-invalid, aria-describedby), the hint kept separate from the error.

/**
 * zodResolver for a schema whose input is looser than the form's values (preprocessed fields read
 * `unknown`): the form's own value type is named here, the output is the schema's.
 */
export function schemaResolver<Values extends FieldValues, Output>(
  schema: z.ZodType<Output, z.ZodTypeDef, unknown>,
): Resolver<Values, unknown, Output> {
  return zodResolver(schema as z.ZodType<Output, z.ZodTypeDef, Values>) as Resolver<Values, unknown, Output>;
}

/**
 * register() plus the current value as the element's default: react-hook-form fills its fields in
 * the browser, so without this the server-rendered page (and a post made before or without
 * JavaScript) would have them empty.
 */
export function field<T extends FieldValues, C, O>(
  form: Pick<UseFormReturn<T, C, O>, "register" | "getValues">,
  name: FieldPath<T>,
) {
  const value: unknown = form.getValues(name);
  return { ...form.register(name), defaultValue: value === undefined || value === null ? undefined : String(value) };
}

/** react-hook-form's nested errors as "dimensions.0.weight" paths, like the server's. */
export function flattenErrors(errors: unknown, prefix = "", out: FieldErrors = {}): FieldErrors {
  if (!errors || typeof errors !== "object") return out;
  const node = errors as Record<string, unknown>;
  if (prefix && typeof node.message === "string" && node.message) out[prefix] ??= node.message;
  for (const [key, value] of Object.entries(node)) {
    if (key === "ref" || key === "message" || key === "type" || key === "types") continue;
    flattenErrors(value, key === "root" ? prefix : prefix ? `${prefix}.${key}` : key, out);
  }
  return out;
}

/** The browser's error for a field first, else the server's (the authority) from the last post. */
export function useFieldErrors<T extends FieldValues>(
  clientErrors: FormErrors<T>,
  serverErrors: FieldErrors | undefined,
) {
  const client = flattenErrors(clientErrors);
  return (path: string): string | undefined => client[path] ?? serverErrors?.[path];
}

function describedBy(id: string, hint?: ReactNode, error?: string) {
  return [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
}

export function FieldMessages({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {hint ? (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      ) : null}
      {error ? (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      ) : null}
    </>
  );
}

interface LabelledProps {
  label: string;
  error?: string;
  hint?: ReactNode;
  className?: string;
}

/** What ties a control to its label, hint and error. */
interface ControlA11y {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

/** The frame every single-control field shares: label, hint, the control, then its error. */
function Labelled({
  label,
  error,
  hint,
  className,
  control,
}: LabelledProps & { control: (a11y: ControlA11y) => ReactNode }) {
  const id = useId();
  return (
    <div className={["field", className].filter(Boolean).join(" ")}>
      <label htmlFor={id}>{label}</label>
      <FieldMessages id={id} hint={hint} />
      {control({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy(id, hint, error) })}
      <FieldMessages id={id} error={error} />
    </div>
  );
}

export const TextField = forwardRef<HTMLInputElement, LabelledProps & InputHTMLAttributes<HTMLInputElement>>(
  function TextField({ label, error, hint, className, ...input }, ref) {
    const frame = { label, error, hint, className };
    return <Labelled {...frame} control={(a11y) => <input {...a11y} ref={ref} {...input} />} />;
  },
);

export const TextAreaField = forwardRef<
  HTMLTextAreaElement,
  LabelledProps & TextareaHTMLAttributes<HTMLTextAreaElement>
>(function TextAreaField({ label, error, hint, className, ...textarea }, ref) {
  const frame = { label, error, hint, className };
  return <Labelled {...frame} control={(a11y) => <textarea {...a11y} ref={ref} {...textarea} />} />;
});

export const SelectField = forwardRef<HTMLSelectElement, LabelledProps & SelectHTMLAttributes<HTMLSelectElement>>(
  function SelectField({ label, error, hint, className, ...select }, ref) {
    const frame = { label, error, hint, className };
    return <Labelled {...frame} control={(a11y) => <select {...a11y} ref={ref} {...select} />} />;
  },
);

interface ChoiceGroupProps {
  legend: string;
  type: "checkbox" | "radio";
  options: { value: string; label: ReactNode; hint?: ReactNode }[];
  /** What react-hook-form's register returns: spread onto every box of the group. */
  field: UseFormRegisterReturn | (InputHTMLAttributes<HTMLInputElement> & { name: string });
  /** The values ticked when the page is first rendered (a list, or one value). */
  checked?: unknown;
  error?: string;
  hint?: ReactNode;
  className?: string;
  /** Visually hide the legend (it still names the group). */
  hideLegend?: boolean;
}

/** A fieldset of checkboxes or radios; the group's error is tied to every box in it. */
export function ChoiceGroup({
  legend,
  type,
  options,
  field,
  checked,
  error,
  hint,
  className,
  hideLegend,
}: ChoiceGroupProps) {
  const id = useId();
  const ticked = Array.isArray(checked) ? checked.map(String) : typeof checked === "string" ? [checked] : [];
  const described = describedBy(id, hint, error);
  return (
    <fieldset
      className={["choice-group", className].filter(Boolean).join(" ")}
      aria-describedby={described}
      role={type === "radio" ? "radiogroup" : undefined}
      aria-invalid={type === "radio" && error ? true : undefined}
    >
      <legend className={hideLegend ? "visually-hidden" : undefined}>{legend}</legend>
      <FieldMessages id={id} hint={hint} />
      <div className="choices">
        {options.map((option) => (
          <label key={option.value} className="choice">
            <input
              type={type}
              value={option.value}
              defaultChecked={ticked.includes(option.value)}
              aria-invalid={type === "checkbox" && error ? true : undefined}
              {...field}
            />
            <span>
              {option.label}
              {option.hint ? <span className="choice-hint">{option.hint}</span> : null}
            </span>
          </label>
        ))}
      </div>
      <FieldMessages id={id} error={error} />
    </fieldset>
  );
}

/**
 * A Remix <Form> that react-hook-form checks first (instant field errors in the browser) and then
 * posts as a plain form, so the action — the authority — sees exactly what a no-JavaScript post sends.
 */
export function ValidatedForm({
  handleSubmit,
  children,
  ...props
}: Omit<FormProps, "onSubmit"> & { handleSubmit: (onValid: () => void) => (event: FormEvent) => Promise<void> }) {
  const submit = useSubmit();
  return (
    <Form
      method="post"
      noValidate
      {...props}
      onSubmit={(event) => {
        const form = event.currentTarget;
        const submitter = (event.nativeEvent as SubmitEvent).submitter;
        void handleSubmit(() => submit(submitter instanceof HTMLButtonElement && submitter.name ? submitter : form))(
          event,
        );
      }}
    >
      {children}
    </Form>
  );
}

export function FormError({ message }: { message?: string }) {
  return message ? (
    <p className="form-error" role="alert">
      {message}
    </p>
  ) : null;
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <p className="notice admin-notice" role="status">
      {children}
    </p>
  );
}
