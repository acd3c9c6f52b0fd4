import { memo, useMemo } from "react";
import { useWatch, type Control } from "react-hook-form";
import type { Dimension, Rubric } from "~/domain/rubric/types";
import { findCapViolations } from "~/domain/scoring";
import type { FieldBinder, ScorecardFormValues } from "./form-values";
import { asList } from "./form-values";
import { textLock } from "./read-lock";

// A dimension rated above the cap a raised flag sets: the warning and its one-line justification.
// Its own component, watching the rating and the flags through a computed value: a rating or a flag
// that does not change the violation renders nothing here, and neither renders the card.

interface CapWarningProps {
  control: Control<ScorecardFormValues>;
  rubric: Rubric;
  dimension: Dimension;
  headingId: string;
  readOnly: boolean;
  bind: FieldBinder;
  justificationError: string | undefined;
}

export const CapWarning = memo(function CapWarning(props: CapWarningProps) {
  const { control, rubric, dimension: d, headingId, justificationError } = props;
  // Compared with the last computed one: only a change in the violation re-renders the warning.
  const names = useMemo(() => [`ratings.${d.key}` as const, "redFlags" as const], [d.key]);
  const violation = useWatch({
    control,
    name: names,
    compute: ([rating, flags]) =>
      findCapViolations(rubric, {
        ratings: { [d.key]: rating ? Number(rating) : null },
        redFlags: asList(flags).filter((key) =>
          rubric.redFlags.some((f) => f.key === key && f.caps.some((c) => c.dimension === d.key)),
        ),
      })[0] ?? null,
  });
  if (!violation) return null;
  return (
    <div className="cap-warning" role="group" aria-label={`${d.name} above its cap`}>
      <p>
        Rated {violation.rating}, above the cap of {violation.cap} set by{" "}
        {violation.flags.map((f) => f.name).join(", ")}. Your rating stands; say why in one line.
      </p>
      <label className="visually-hidden" htmlFor={`${headingId}-justification`}>
        Why {d.name} is rated above its cap
      </label>
      <input
        id={`${headingId}-justification`}
        type="text"
        placeholder="Why the rating stands despite the flag (Enter keeps it; it never submits)"
        aria-invalid={justificationError ? true : undefined}
        aria-describedby={justificationError ? `${headingId}-justification-error` : undefined}
        {...textLock(props.readOnly)}
        {...props.bind.text(`capJustifications.${d.key}`)}
      />
      {justificationError ? (
        <p id={`${headingId}-justification-error`} className="field-error">
          {justificationError}
        </p>
      ) : null}
    </div>
  );
});
