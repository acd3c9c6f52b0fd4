import type { Rubric } from "~/domain/rubric/types";
import type { MergeConflict } from "~/domain/scorecard/merge-draft";
import type { EvidenceNote } from "~/domain/scorecard-content";

// How a conflict (a field changed both here and elsewhere) is named and shown in words, by the
// status line and conflict-notice.tsx; both take them from the merge kit (merge-kit.ts), a chunk
// loaded after the page is up. ChooseConflict, a type, is all the page's own bundle takes from here.

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

/** Which dimension a conflict belongs beside, if any (ratings, justifications and notes do). */
export function conflictDimension(conflict: MergeConflict): string | null {
  const [group, key] = conflict.field.split(".");
  if (group === "ratings" || group === "capJustifications") return key;
  if (group === "notes") return ((conflict.mine ?? conflict.theirs) as EvidenceNote | null)?.dimension ?? null;
  return null;
}
