// The rater model's dense Cholesky as it was at d72da49 (two rows by two columns at a time), kept
// as the reference the faster kernel in app/domain/calibration/rater-model/dense-cholesky.ts must
// match bit for bit (tests/unit/calibration/dense-cholesky.test.ts). Not used by the app.
export function choleskyTwoByTwo(a: Float64Array, m: number): number {
  let logDet = 0;
  let i = 0;
  for (; i + 1 < m; i += 2) {
    const r0 = i * m;
    const r1 = r0 + m;
    let j = 0;
    for (; j + 1 < i; j += 2) {
      const c0 = j * m;
      const c1 = c0 + m;
      let s00 = 0;
      let s01 = 0;
      let s10 = 0;
      let s11 = 0;
      for (let k = 0; k < j; k++) {
        const x0 = a[r0 + k];
        const x1 = a[r1 + k];
        const y0 = a[c0 + k];
        const y1 = a[c1 + k];
        s00 += x0 * y0;
        s01 += x0 * y1;
        s10 += x1 * y0;
        s11 += x1 * y1;
      }
      // Column j first; column j + 1's sums then lack only the k = j term, L_rj L_(j+1)j.
      const l0 = (a[r0 + j] - s00) / a[c0 + j];
      const l1 = (a[r1 + j] - s10) / a[c0 + j];
      const below = a[c1 + j];
      a[r0 + j] = l0;
      a[r1 + j] = l1;
      a[r0 + j + 1] = (a[r0 + j + 1] - s01 - l0 * below) / a[c1 + j + 1];
      a[r1 + j + 1] = (a[r1 + j + 1] - s11 - l1 * below) / a[c1 + j + 1];
    }
    if (j < i) {
      // i is odd: one column left before the diagonal block.
      const c0 = j * m;
      let s0 = 0;
      let s1 = 0;
      for (let k = 0; k < j; k++) {
        const y = a[c0 + k];
        s0 += a[r0 + k] * y;
        s1 += a[r1 + k] * y;
      }
      a[r0 + j] = (a[r0 + j] - s0) / a[c0 + j];
      a[r1 + j] = (a[r1 + j] - s1) / a[c0 + j];
    }
    // The 2×2 diagonal block.
    let d00 = 0;
    let d10 = 0;
    let d11 = 0;
    for (let k = 0; k < i; k++) {
      const x0 = a[r0 + k];
      const x1 = a[r1 + k];
      d00 += x0 * x0;
      d10 += x1 * x0;
      d11 += x1 * x1;
    }
    const pivot0 = a[r0 + i] - d00;
    if (!(pivot0 > 0)) return Number.NaN;
    const l00 = Math.sqrt(pivot0);
    const l10 = (a[r1 + i] - d10) / l00;
    const pivot1 = a[r1 + i + 1] - d11 - l10 * l10;
    if (!(pivot1 > 0)) return Number.NaN;
    const l11 = Math.sqrt(pivot1);
    a[r0 + i] = l00;
    a[r1 + i] = l10;
    a[r1 + i + 1] = l11;
    logDet += Math.log(pivot0) + Math.log(pivot1);
  }
  if (i < m) {
    // m is odd: the last row alone.
    const r0 = i * m;
    for (let j = 0; j < i; j++) {
      const c0 = j * m;
      let s = 0;
      for (let k = 0; k < j; k++) s += a[r0 + k] * a[c0 + k];
      a[r0 + j] = (a[r0 + j] - s) / a[c0 + j];
    }
    let d = 0;
    for (let k = 0; k < i; k++) d += a[r0 + k] * a[r0 + k];
    const pivot = a[r0 + i] - d;
    if (!(pivot > 0)) return Number.NaN;
    a[r0 + i] = Math.sqrt(pivot);
    logDet += Math.log(pivot);
  }
  return logDet;
}
