// Derivative-free minimisation for the rater model's 1–3 variance parameters.

export interface MinimiseResult {
  x: number[];
  value: number;
  evaluations: number;
  converged: boolean;
}

/**
 * Nelder & Mead (1965), "A simplex method for function minimization", Computer Journal 7, 308–313,
 * with the standard coefficients (reflection 1, expansion 2, contraction ½, shrink ½; Lagarias et al.
 * 1998, SIAM J. Optim. 9). Stops when the simplex's values agree within `fTolerance` (absolute) and
 * its vertices within `xTolerance`; `converged` is false when `maxEvaluations` ran out first.
 */
export function nelderMead(
  f: (x: number[]) => number,
  start: number[],
  options: { step?: number; fTolerance?: number; xTolerance?: number; maxEvaluations?: number } = {},
): MinimiseResult {
  const n = start.length;
  const step = options.step ?? 0.25;
  const fTol = options.fTolerance ?? 1e-9;
  const xTol = options.xTolerance ?? 1e-7;
  const maxEvaluations = options.maxEvaluations ?? 2000;
  let evaluations = 0;
  const evaluate = (x: number[]) => {
    evaluations += 1;
    const value = f(x);
    return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
  };
  const simplex = [start.slice()];
  for (let k = 0; k < n; k++) {
    const vertex = start.slice();
    vertex[k] += vertex[k] === 0 ? step : step * Math.max(1, Math.abs(vertex[k]));
    simplex.push(vertex);
  }
  let values = simplex.map(evaluate);
  const combine = (a: number[], b: number[], t: number) => a.map((ai, k) => ai + t * (b[k] - ai));
  while (evaluations < maxEvaluations) {
    const order = values.map((_, k) => k).sort((p, q) => values[p] - values[q]);
    const sorted = order.map((k) => simplex[k]);
    values = order.map((k) => values[k]);
    simplex.splice(0, simplex.length, ...sorted);
    const spreadF = values[n] - values[0];
    let spreadX = 0;
    for (let v = 1; v <= n; v++)
      for (let k = 0; k < n; k++) spreadX = Math.max(spreadX, Math.abs(simplex[v][k] - simplex[0][k]));
    if (spreadF <= fTol && spreadX <= xTol) return { x: simplex[0], value: values[0], evaluations, converged: true };

    const centroid = new Array<number>(n).fill(0);
    for (let v = 0; v < n; v++) for (let k = 0; k < n; k++) centroid[k] += simplex[v][k] / n;
    const worst = simplex[n];
    const reflected = combine(centroid, worst, -1);
    const fr = evaluate(reflected);
    if (fr < values[0]) {
      const expanded = combine(centroid, worst, -2);
      const fe = evaluate(expanded);
      [simplex[n], values[n]] = fe < fr ? [expanded, fe] : [reflected, fr];
    } else if (fr < values[n - 1]) {
      [simplex[n], values[n]] = [reflected, fr];
    } else {
      const outside = fr < values[n];
      const contracted = combine(centroid, worst, outside ? -0.5 : 0.5);
      const fc = evaluate(contracted);
      if (fc < (outside ? fr : values[n])) {
        [simplex[n], values[n]] = [contracted, fc];
      } else {
        for (let v = 1; v <= n; v++) {
          simplex[v] = combine(simplex[0], simplex[v], 0.5);
          values[v] = evaluate(simplex[v]);
        }
      }
    }
  }
  const best = values.indexOf(Math.min(...values));
  return { x: simplex[best], value: values[best], evaluations, converged: false };
}
