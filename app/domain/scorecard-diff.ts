import type { ScorecardContent } from "./scorecard-content";

// What an amendment changed, field by field, for the audit log and the amendment history.

export interface ScorecardChange {
  field: string;
  from: string | number | null;
  to: string | number | null;
}

const listText = (items: string[]) => (items.length ? [...items].sort().join(", ") : null);

export function diffScorecards(before: ScorecardContent, after: ScorecardContent): ScorecardChange[] {
  const changes: ScorecardChange[] = [];
  const push = (field: string, from: string | number | null | undefined, to: string | number | null | undefined) => {
    const a = from === undefined || from === "" ? null : from;
    const b = to === undefined || to === "" ? null : to;
    if (a !== b) changes.push({ field, from: a, to: b });
  };
  for (const key of new Set([...Object.keys(before.ratings), ...Object.keys(after.ratings)])) {
    push(`ratings.${key}`, before.ratings[key], after.ratings[key]);
  }
  for (const key of new Set([...Object.keys(before.capJustifications), ...Object.keys(after.capJustifications)])) {
    push(`capJustifications.${key}`, before.capJustifications[key], after.capJustifications[key]);
  }
  push("redFlags", listText(before.redFlags), listText(after.redFlags));
  push("star", listText(before.star), listText(after.star));
  push("recommendation", before.recommendation, after.recommendation);
  push("recommendationJustification", before.recommendationJustification, after.recommendationJustification);
  const notesBefore = new Map(before.notes.map((n) => [n.id, n.text]));
  const notesAfter = new Map(after.notes.map((n) => [n.id, n.text]));
  for (const id of new Set([...notesBefore.keys(), ...notesAfter.keys()]))
    push(`notes.${id}`, notesBefore.get(id), notesAfter.get(id));
  return changes;
}
