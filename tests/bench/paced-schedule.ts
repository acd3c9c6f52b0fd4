// When each interviewer of a paced autosave load saves (pure: no I/O, unit-tested in
// tests/unit/paced-schedule.test.ts). Each interviewer saves once a period, at its own phase within
// the period: interviewer i at start + phase_i + k * period, k = 0, 1, 2, …
//
// Two spreads:
//   - "staggered": each phase drawn uniformly from [0, period) by a seeded generator (mulberry32,
//     seed PACED_SEED unless given), so a run is repeatable. Real interviewers save ~600 ms after
//     their own last keystroke, so their saves are independent of each other: random phases, not
//     an even comb, and random phases do collide now and then (two or three saves a few ms apart),
//     which an even spread would hide.
//   - "in-step": every phase 0, all saves of a period in the same instant (what autocannon's
//     connectionRate does: every connection's one-second timer starts together). The worst case,
//     reported beside the staggered figure, never instead of it.
// Either way the load is `count` saves per period in all.

export type PacedSpread = "staggered" | "in-step";

/** The staggered phases' default seed (any fixed number: the bench's runs see the same phases). */
export const PACED_SEED = 16;

/** A small seeded generator of numbers in [0, 1) (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Each interviewer's phase within the period, in ms: in [0, periodMs), one per interviewer. */
export function pacedPhases(count: number, periodMs: number, spread: PacedSpread, seed = PACED_SEED): number[] {
  if (!Number.isInteger(count) || count < 0) throw new Error(`count must be a whole number >= 0, not ${count}`);
  if (!(periodMs > 0)) throw new Error(`periodMs must be > 0, not ${periodMs}`);
  if (spread === "in-step") return new Array<number>(count).fill(0);
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => random() * periodMs);
}

/**
 * An interviewer's next save after the one for schedule slot `slotMs` was answered at `answeredMs`
 * (ms after the load's start). Due one period after that slot, and sent then, or at once if that time
 * passed while the save was in flight (one save in flight, as the editor does; its latency counts
 * from `dueMs`, so the wait is not hidden). Further slots that also passed are coalesced into it, as
 * the editor's next save carries every change since the last: the schedule goes on from `slotMs`.
 */
export function nextSave(
  slotMs: number,
  periodMs: number,
  answeredMs: number,
): { dueMs: number; slotMs: number; coalesced: number } {
  const due = slotMs + periodMs;
  const coalesced = answeredMs > due ? Math.floor((answeredMs - due) / periodMs) : 0;
  return { dueMs: due, slotMs: due + coalesced * periodMs, coalesced };
}

/**
 * How many of `timesMs` fall in each `bucketMs` slice of the period (times taken modulo the
 * period): a staggered load fills the slices about evenly, an in-step one puts all in the first.
 */
export function spreadInPeriod(timesMs: readonly number[], periodMs: number, bucketMs: number): number[] {
  const buckets = new Array<number>(Math.ceil(periodMs / bucketMs)).fill(0);
  for (const t of timesMs) {
    const within = ((t % periodMs) + periodMs) % periodMs;
    buckets[Math.min(buckets.length - 1, Math.floor(within / bucketMs))] += 1;
  }
  return buckets;
}

/** The value at quantile q (0–1) of `values`, nearest rank; null when empty. */
export function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
