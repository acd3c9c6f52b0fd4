/**
 * What the evidence coach can point at in a note, and the rubric red flag each kind suggests
 * (seed 004: passive voice, "we" doing the work, generic lessons, the missing mechanism, the
 * consequence-free stumble, claiming immunity). Hedging suggests no flag: it is a prompt to probe.
 */
export const SIGNAL_KINDS = [
  "passive_voice",
  "blame_diffusion",
  "generic_lesson",
  "no_mechanism",
  "minimising",
  "claims_immunity",
  "hedging",
] as const;

export type SignalKind = (typeof SIGNAL_KINDS)[number];

/** Red-flag keys of the rubric (app/domain/rubric/default-rubric.ts). */
export const FLAG_FOR_KIND: Record<SignalKind, string | null> = {
  passive_voice: "passive_voice",
  blame_diffusion: "blame_diffusion",
  generic_lesson: "generic_lesson",
  no_mechanism: "no_mechanism",
  minimising: "consequence_free",
  claims_immunity: "claims_immunity",
  hedging: null,
};

/** The red flags a note can support: the coach has nothing to say about the others. */
export const COACHED_FLAGS: readonly string[] = [
  ...new Set(Object.values(FLAG_FOR_KIND).filter((flag): flag is string => flag !== null)),
];

/** A span of the note's text (UTF-16 offsets, `end` exclusive) and the flag it points to. */
export type Signal = { kind: SignalKind; start: number; end: number; flag: string | null };

export function makeSignal(kind: SignalKind, start: number, end: number): Signal {
  return { kind, start, end, flag: FLAG_FOR_KIND[kind] };
}
