import type { Recommendation } from "../rubric/types";
import { NO_TIMING, type DraftContent, type EvidenceNote } from "../scorecard-content";

// A three-way merge of two edits of one scorecard draft against the revision both started from,
// field by field: each dimension's rating and justification, each red flag and STAR tick, each
// note by id (added, edited, deleted), the recommendation and its justification, and the timing
// marks. Only a field that both sides changed, to different values, is a conflict; the merged
// card keeps "theirs" (what the server holds) there until the interviewer chooses, so nothing is
// replaced without being seen.

/**
 * A draft with nothing in it, naming every field of a draft once: the base a merge starts from
 * when there is no earlier revision, and the list of fields a stored card's content is read as.
 * Here, not in scorecard-content.ts: only a merge needs it, so the scorecard's first bundle does
 * not carry it (the merge kit, merge-kit.ts, is a chunk of its own: merge-parts.ts loads it).
 */
export const EMPTY_DRAFT: DraftContent = {
  ratings: {},
  capJustifications: {},
  redFlags: [],
  star: [],
  recommendation: null,
  recommendationJustification: "",
  notes: [],
  timer: { elapsedMs: 0, runningSince: null },
  timing: NO_TIMING,
  coachDismissed: [],
};

type FieldValue = string | number | boolean | null | EvidenceNote | DraftContent["timer"];

export interface MergeConflict {
  /** A field path: "ratings.repair", "notes.n1", "recommendation", "redFlags.passive_voice", "coachDismissed.n1|passive_voice:4-20", … */
  field: string;
  base: FieldValue;
  mine: FieldValue;
  theirs: FieldValue;
}

export interface MergeResult {
  merged: DraftContent;
  conflicts: MergeConflict[];
}

function toFields(card: DraftContent): Map<string, FieldValue> {
  const fields = new Map<string, FieldValue>();
  for (const [k, v] of Object.entries(card.ratings)) if (v != null) fields.set(`ratings.${k}`, v);
  for (const [k, v] of Object.entries(card.capJustifications)) if (v) fields.set(`capJustifications.${k}`, v);
  for (const k of card.redFlags) fields.set(`redFlags.${k}`, true);
  for (const k of card.star) fields.set(`star.${k}`, true);
  // Each dismissal on its own, like a flag: two devices dismissing different suggestions both count.
  for (const k of card.coachDismissed ?? []) fields.set(`coachDismissed.${k}`, true);
  if (card.recommendation) fields.set("recommendation", card.recommendation);
  if (card.recommendationJustification) fields.set("recommendationJustification", card.recommendationJustification);
  for (const n of card.notes) fields.set(`notes.${n.id}`, n);
  for (const [k, v] of Object.entries(card.timing)) if (v != null) fields.set(`timing.${k}`, v);
  fields.set("timer", card.timer);
  return fields;
}

function fromFields(fields: Map<string, FieldValue>): DraftContent {
  // A copy: the fields are filled in place.
  const card: DraftContent = structuredClone(EMPTY_DRAFT);
  for (const [field, value] of fields) setField(card, field, value);
  card.redFlags.sort();
  card.star.sort();
  card.coachDismissed.sort();
  card.notes.sort((a, b) => a.elapsedSeconds - b.elapsedSeconds || a.id.localeCompare(b.id));
  return card;
}

/** Writes one field's value into a card (null or false removes it): used by the merge and by a conflict's choice. */
export function setField(card: DraftContent, field: string, value: FieldValue): void {
  const dot = field.indexOf(".");
  const group = dot < 0 ? field : field.slice(0, dot);
  const key = field.slice(dot + 1);
  switch (group) {
    case "ratings":
      if (value == null) delete card.ratings[key];
      else card.ratings[key] = value as number;
      return;
    case "capJustifications":
      if (value == null) delete card.capJustifications[key];
      else card.capJustifications[key] = value as string;
      return;
    case "redFlags":
    case "star":
    case "coachDismissed": {
      const list = card[group].filter((k) => k !== key);
      card[group] = value ? [...list, key] : list;
      return;
    }
    case "recommendation":
      card.recommendation = (value as Recommendation | null) ?? null;
      return;
    case "recommendationJustification":
      card.recommendationJustification = (value as string | null) ?? "";
      return;
    case "notes": {
      const notes = card.notes.filter((n) => n.id !== key);
      card.notes = value ? [...notes, value as EvidenceNote] : notes;
      return;
    }
    case "timing":
      card.timing = { ...card.timing, [key]: value ?? null };
      return;
    case "timer":
      card.timer = (value as DraftContent["timer"]) ?? { elapsedMs: 0, runningSince: null };
      return;
  }
}

const same = (a: FieldValue | undefined, b: FieldValue | undefined) =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Fields where both sides changing is not worth asking about: the rule that settles them instead. */
function settle(field: string, mine: FieldValue, theirs: FieldValue): { value: FieldValue } | null {
  // The clock starts once: the earlier start is the interview's start.
  if (field === "timing.clockStartedAt")
    return { value: Math.min(Number(mine ?? Infinity), Number(theirs ?? Infinity)) };
  // One interview, one clock: a running clock beats a paused one, and of two running clocks the one
  // that started first (more time on it) is the interview's; two paused ones: the newer press wins.
  if (field === "timer")
    return { value: pickTimer(mine as DraftContent["timer"] | null, theirs as DraftContent["timer"] | null) };
  return null;
}

function pickTimer(
  mine: DraftContent["timer"] | null,
  theirs: DraftContent["timer"] | null,
): DraftContent["timer"] | null {
  if (!mine || !theirs) return mine ?? theirs;
  if (mine.runningSince != null && theirs.runningSince != null) {
    return theirs.elapsedMs - theirs.runningSince > mine.elapsedMs - mine.runningSince ? theirs : mine;
  }
  return theirs.runningSince != null ? theirs : mine;
}

export function mergeDraft(base: DraftContent, mine: DraftContent, theirs: DraftContent): MergeResult {
  const [b, m, t] = [toFields(base), toFields(mine), toFields(theirs)];
  const merged = new Map<string, FieldValue>();
  const conflicts: MergeConflict[] = [];
  for (const field of new Set([...b.keys(), ...m.keys(), ...t.keys()])) {
    const [bv, mv, tv] = [b.get(field) ?? null, m.get(field) ?? null, t.get(field) ?? null];
    let value: FieldValue;
    if (same(mv, tv) || same(tv, bv)) value = mv;
    else if (same(mv, bv)) value = tv;
    else {
      const settled = settle(field, mv, tv);
      if (settled) value = settled.value;
      else {
        conflicts.push({ field, base: bv, mine: mv, theirs: tv });
        value = tv;
      }
    }
    if (value != null && value !== false) merged.set(field, value);
  }
  return { merged: fromFields(merged), conflicts: conflicts.sort((x, y) => x.field.localeCompare(y.field)) };
}
