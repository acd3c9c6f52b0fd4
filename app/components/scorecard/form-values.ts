import { startTransition } from "react";
import type { UseFormGetValues, UseFormRegister } from "react-hook-form";
import type { Recommendation, Rubric } from "~/domain/rubric/types";
import { ratingTogglesCapWarning, type ScorecardScores } from "~/domain/scoring";
import { keepDismissals } from "~/domain/coach/dismissals";
import type {
  DraftContent,
  EvidenceNote,
  InterviewTimer,
  ScorecardContent,
  ScorecardTiming,
} from "~/domain/scorecard-content";

// The form's own shape: radios hold strings, so ratings are "" (unrated) or "1".."4" here, and
// become numbers at the edges (scores for the rules, the payload for the server).

export interface ScorecardFormValues {
  ratings: Record<string, string>;
  capJustifications: Record<string, string>;
  redFlags: string[];
  star: string[];
  recommendation: string;
  recommendationJustification: string;
  notes: EvidenceNote[];
  /** Evidence-coach suggestions dismissed, "noteId|kind:start-end" (see coachDismissalKey). */
  coachDismissed: string[];
  /** Half-typed notes: kept on the device so a reload loses no keystroke, never sent. */
  noteDrafts: Record<string, string>;
}

export type TimerState = InterviewTimer;
export type StoredScorecard = ScorecardContent;

export function toFormValues(
  rubric: Rubric,
  stored: (StoredScorecard & { noteDrafts?: Record<string, string>; coachDismissed?: string[] }) | null,
): ScorecardFormValues {
  const perDimension = (pick: (key: string) => string) =>
    Object.fromEntries(rubric.dimensions.map((d) => [d.key, pick(d.key)]));
  return {
    ratings: perDimension((k) => (stored?.ratings[k] != null ? String(stored.ratings[k]) : "")),
    capJustifications: perDimension((k) => stored?.capJustifications[k] ?? ""),
    redFlags: stored?.redFlags ?? [],
    star: stored?.star ?? [],
    recommendation: stored?.recommendation ?? "",
    recommendationJustification: stored?.recommendationJustification ?? "",
    notes: stored?.notes ?? [],
    coachDismissed: stored?.coachDismissed ?? [],
    noteDrafts: perDimension((k) => stored?.noteDrafts?.[k] ?? ""),
  };
}

/** The clock state beside the form: the stopwatch and the marks on it. */
export interface ClockState {
  timer: TimerState;
  timing: ScorecardTiming;
}

/** The form and the clock as the content a save carries and a merge compares. */
export function toContent(values: ScorecardFormValues, clock: ClockState): DraftContent {
  const scores = toScores(values);
  const ratings = Object.fromEntries(Object.entries(scores.ratings).filter((e): e is [string, number] => e[1] != null));
  const capJustifications = Object.fromEntries(
    Object.entries(scores.capJustifications).filter((e): e is [string, string] => !!e[1]),
  );
  return {
    ratings,
    capJustifications,
    redFlags: [...scores.redFlags].sort(),
    star: [...asList(values.star)].sort(),
    recommendation: scores.recommendation,
    recommendationJustification: scores.recommendationJustification,
    notes: values.notes ?? [],
    timer: clock.timer,
    timing: clock.timing,
    coachDismissed: keepDismissals(values.coachDismissed ?? [], values.notes ?? []),
  };
}

/** A lone checked checkbox may come back from the DOM as a string; the rules want a list. */
export const asList = (v: string[] | string | false | undefined) => (Array.isArray(v) ? v : v ? [v] : []);

export function toScores(values: ScorecardFormValues): ScorecardScores {
  const ratings: Record<string, number | null> = {};
  for (const [key, value] of Object.entries(values.ratings ?? {})) ratings[key] = value ? Number(value) : null;
  return {
    ratings,
    redFlags: asList(values.redFlags),
    recommendation: (values.recommendation || null) as Recommendation | null,
    capJustifications: values.capJustifications ?? {},
    recommendationJustification: values.recommendationJustification ?? "",
  };
}

/**
 * Whether what React draws from setting `path` to `value` (the weighted score, a card's label, the
 * coach) can come after the key's frame, as a transition: the control itself shows its new state at
 * once. Not when the change brings a control the next key may need, next in the Tab order: the
 * recommendation's justification box, or the justification box of a rating's cap warning.
 */
export function drawnAfterFrame(
  rubric: Rubric,
  /** The form's values before the change (its ratings and flags are read only for a rating). */
  getValues: UseFormGetValues<ScorecardFormValues>,
  path: string,
  value: string,
): boolean {
  if (path === "redFlags" || path === "star") return true;
  if (!path.startsWith("ratings.")) return false;
  const dimension = path.slice("ratings.".length);
  const from = getValues("ratings")?.[dimension];
  const flags = asList(getValues("redFlags"));
  return !ratingTogglesCapWarning(rubric, flags, dimension, from ? Number(from) : null, Number(value));
}

/** Runs a field's change; as a transition when its rendering can follow the key's frame (drawnAfterFrame). */
export function changeField<T>(afterFrame: boolean, change: () => T): T {
  if (!afterFrame) return change();
  let result!: T;
  startTransition(() => {
    result = change();
  });
  return result;
}

export type SaveIntent = "save" | "submit" | "amend";

export function toPayload(
  content: DraftContent,
  meta: { intent: SaveIntent; baseRevision: number; rubricVersionId: number },
) {
  return { ...meta, ...content };
}

/** Elapsed interview time now, from the stored timer. */
export function elapsedMs(timer: TimerState, now: number): number {
  return timer.elapsedMs + (timer.runningSince ? Math.max(0, now - timer.runningSince) : 0);
}

/** A note id made on the device, so a note added offline is stored once however often it is sent. */
export function newNoteId(): string {
  return `n${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}

type FieldPath =
  | `ratings.${string}`
  | `capJustifications.${string}`
  | `noteDrafts.${string}`
  | "redFlags"
  | "star"
  | "recommendation"
  | "recommendationJustification";

function valueAt(values: ScorecardFormValues, path: FieldPath): string | string[] | undefined {
  const [group, key] = path.split(".") as [keyof ScorecardFormValues, string | undefined];
  const value = values[group] as unknown;
  return key === undefined ? (value as string | string[]) : (value as Record<string, string> | undefined)?.[key];
}

/**
 * register() plus the stored value as the element's default, so the server-rendered page already
 * shows what is saved — before hydration, and without JavaScript at all.
 */
export function bindFields(
  register: UseFormRegister<ScorecardFormValues>,
  defaults: ScorecardFormValues,
  /** drawnAfterFrame for the form's current values. */
  afterFrame: (path: FieldPath, value: string) => boolean,
) {
  // Each input's props are made once: register() hands out a new ref callback at every call, and
  // React detaches and re-attaches a ref that changed, so every re-render of a card (a rating) ran
  // react-hook-form's field registration again for each of its inputs.
  const made = new Map<string, ReturnType<typeof register>>();
  const once = <T extends object>(key: string, make: () => T): T => {
    if (!made.has(key)) made.set(key, make() as never);
    return made.get(key) as unknown as T;
  };
  return {
    choice: (path: FieldPath, value: string) =>
      once(`${path}\u0000${value}`, () => {
        const current = valueAt(defaults, path);
        const registered = register(path);
        return {
          ...registered,
          // The control shows its new state at once (the browser's own); what React draws from it
          // follows that frame when it can (drawnAfterFrame).
          onChange: (event: { target: unknown; type?: unknown }) =>
            changeField(afterFrame(path, value), () => registered.onChange(event)),
          value,
          defaultChecked: Array.isArray(current) ? current.includes(value) : current === value,
        };
      }),
    text: (path: FieldPath) =>
      once(path, () => ({
        ...register(path),
        defaultValue: (valueAt(defaults, path) as string | undefined) ?? "",
      })),
  };
}

export type FieldBinder = ReturnType<typeof bindFields>;
