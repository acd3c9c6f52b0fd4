import type { Rubric } from "~/domain/rubric/types";
import type { MergeConflict } from "~/domain/scorecard/merge-draft";
import type { EvidenceNote } from "~/domain/scorecard-content";

// A field changed both here and elsewhere since this page last saw it: both values, side by side,
// and the choice (one key: m keeps mine, o keeps the other). Until then the stored value stands.

export type ChooseConflict = (field: string, keep: "mine" | "theirs") => void;

export function conflictLabel(rubric: Rubric, field: string, sample?: MergeConflict): string {
  const [group, key] = field.split(".");
  const dimension = (k: string) => rubric.dimensions.find((d) => d.key === k)?.name ?? k;
  switch (group) {
    case "ratings":
      return `${dimension(key)} rating`;
    case "capJustifications":
      return `${dimension(key)} justification`;
    case "notes": {
      const note = (sample?.mine ?? sample?.theirs) as EvidenceNote | null | undefined;
      return note ? `${dimension(note.dimension)} note` : "A note";
    }
    case "redFlags":
      return `Red flag ${rubric.redFlags.find((f) => f.key === key)?.name ?? key}`;
    case "star":
      return `STAR ${rubric.star.find((s) => s.key === key)?.name ?? key}`;
    case "recommendation":
      return "Recommendation";
    case "recommendationJustification":
      return "Recommendation justification";
    case "timing":
      return key === "answerStartSeconds"
        ? "Answer start"
        : key === "answerEndSeconds"
          ? "Answer end"
          : "Interview clock";
    default:
      return field;
  }
}

export function conflictValue(rubric: Rubric, field: string, value: MergeConflict["mine"]): string {
  if (value === null || value === undefined || value === "") return field.startsWith("notes.") ? "deleted" : "empty";
  if (typeof value === "boolean") return value ? "raised" : "not raised";
  if (field === "recommendation") return rubric.recommendations.find((r) => r.key === value)?.name ?? String(value);
  if (typeof value === "object" && "text" in value) return `“${value.text}”`;
  return String(value);
}

export function ConflictBeside({
  rubric,
  conflict,
  onChoose,
  first,
}: {
  rubric: Rubric;
  conflict: MergeConflict;
  onChoose: ChooseConflict;
  first: boolean;
}) {
  const label = conflictLabel(rubric, conflict.field, conflict);
  return (
    <div
      className="conflict"
      role="group"
      aria-label={`${label}: changed in two places`}
      data-conflict={conflict.field}
    >
      <p>
        <strong>{label}</strong> was changed here and in another tab or device. Kept for now: the other one.
      </p>
      <dl className="conflict-values">
        <div>
          <dt>Yours</dt>
          <dd>{conflictValue(rubric, conflict.field, conflict.mine)}</dd>
        </div>
        <div>
          <dt>The other</dt>
          <dd>{conflictValue(rubric, conflict.field, conflict.theirs)}</dd>
        </div>
      </dl>
      <div className="conflict-actions">
        <button type="button" className="button" onClick={() => onChoose(conflict.field, "mine")}>
          Keep yours {first ? <kbd>m</kbd> : null}
        </button>
        <button type="button" className="button" onClick={() => onChoose(conflict.field, "theirs")}>
          Keep the other {first ? <kbd>o</kbd> : null}
        </button>
      </div>
    </div>
  );
}

/** Which dimension a conflict belongs beside, if any (ratings, justifications and notes do). */
export function conflictDimension(conflict: MergeConflict): string | null {
  const [group, key] = conflict.field.split(".");
  if (group === "ratings" || group === "capJustifications") return key;
  if (group === "notes") return ((conflict.mine ?? conflict.theirs) as EvidenceNote | null)?.dimension ?? null;
  return null;
}
