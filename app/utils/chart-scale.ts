// Linear scales for the hand-drawn SVG charts (interval-chart.tsx): a domain, its ticks, and where a
// value falls across it as a fraction, so the chart can place marks in percent of its width and
// never has to measure anything in the page.

export interface LinearScale {
  domain: [number, number];
  ticks: number[];
  /** Decimals that show every tick distinctly (0.25 needs 2, 0.5 needs 1, 1 needs 0). */
  decimals: number;
}

/** Tick steps are 1, 2, 2.5 or 5 times a power of ten. */
const NICE_MANTISSAS = [1, 2, 2.5, 5];

/** The smallest nice step of at least `rough` (rough > 0). */
export function niceStep(rough: number): number {
  if (!(rough > 0) || !Number.isFinite(rough)) throw new RangeError(`a step must be positive, got ${rough}`);
  let power = 10 ** Math.floor(Math.log10(rough));
  for (;;) {
    for (const m of NICE_MANTISSAS) {
      // A hair of tolerance, so 0.1 + 0.2 style float noise does not skip a step.
      if (m * power >= rough * (1 - 1e-9)) return m * power;
    }
    power *= 10;
  }
}

/** How many decimals the step needs (up to 6). */
export function stepDecimals(step: number): number {
  for (let d = 0; d < 6; d++) {
    const scaled = step * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9) return d;
  }
  return 6;
}

/**
 * A scale centred on 0 that reaches at least ±bound, with the coarsest nice step that still
 * gives ticks at most `maxIntervals` apart in all (6: ±1 runs -1, -0.5, 0, 0.5, 1).
 */
export function symmetricScale(bound: number, maxIntervals = 6): LinearScale {
  if (!(bound > 0) || !Number.isFinite(bound)) throw new RangeError(`a bound must be positive, got ${bound}`);
  const half = Math.max(1, Math.floor(maxIntervals / 2));
  const step = niceStep(bound / half);
  const steps = Math.ceil(bound / step - 1e-9);
  const ticks = Array.from({ length: 2 * steps + 1 }, (_, i) => clean((i - steps) * step));
  return { domain: [-steps * step, steps * step], ticks, decimals: stepDecimals(step) };
}

/** A rating scale's own range with a tick on every whole point (1, 2, 3, 4). */
export function integerScale(min: number, max: number): LinearScale {
  if (!Number.isInteger(min) || !Number.isInteger(max) || max <= min)
    throw new RangeError(`a scale runs from one whole number up to a larger one, got ${min} to ${max}`);
  return { domain: [min, max], ticks: Array.from({ length: max - min + 1 }, (_, i) => min + i), decimals: 0 };
}

/** Where a value falls across the domain, 0 at its start and 1 at its end; outside values stay at the edge. */
export function fractionOf(value: number, [start, end]: [number, number]): number {
  return Math.min(1, Math.max(0, (value - start) / (end - start)));
}

/** Removes float noise (3 * 0.1) and negative zero from a computed tick. */
function clean(value: number): number {
  const rounded = Math.round(value * 1e9) / 1e9;
  return rounded === 0 ? 0 : rounded;
}
