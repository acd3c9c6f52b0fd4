export const ICC_FORMS = ["ICC(1,1)", "ICC(2,1)", "ICC(3,1)", "ICC(1,k)", "ICC(2,k)", "ICC(3,k)"] as const;
export type IccForm = (typeof ICC_FORMS)[number];
export type IccSet = Record<IccForm, number>;

/**
 * The six intraclass correlations of Shrout & Fleiss (1979), "Intraclass correlations: uses in
 * assessing rater reliability", Psychological Bulletin 86(2), 420–428, Table 2, from the two-way
 * ANOVA of a complete n targets x k judges matrix:
 *   ICC(1,1) = (BMS − WMS) / (BMS + (k−1)WMS)        ICC(1,k) = (BMS − WMS) / BMS
 *   ICC(2,1) = (BMS − EMS) / (BMS + (k−1)EMS + k(JMS − EMS)/n)
 *   ICC(2,k) = (BMS − EMS) / (BMS + (JMS − EMS)/n)
 *   ICC(3,1) = (BMS − EMS) / (BMS + (k−1)EMS)        ICC(3,k) = (BMS − EMS) / BMS
 * Null unless n >= 2 and k >= 2 with no missing cell, and null when any form's denominator is 0
 * (no variance), so a set is always complete.
 */
export function intraclassCorrelations(matrix: readonly (readonly number[])[]): IccSet | null {
  const n = matrix.length;
  const k = n > 0 ? matrix[0].length : 0;
  if (n < 2 || k < 2 || matrix.some((row) => row.length !== k)) return null;

  const rowMeans = matrix.map((row) => row.reduce((s, x) => s + x, 0) / k);
  const columnMeans = Array.from({ length: k }, (_, j) => matrix.reduce((s, row) => s + row[j], 0) / n);
  const grandMean = rowMeans.reduce((s, x) => s + x, 0) / n;
  let totalSquares = 0;
  for (const row of matrix) for (const x of row) totalSquares += (x - grandMean) ** 2;
  const betweenTargets = k * rowMeans.reduce((s, m) => s + (m - grandMean) ** 2, 0);
  const betweenJudges = n * columnMeans.reduce((s, m) => s + (m - grandMean) ** 2, 0);
  const residual = totalSquares - betweenTargets - betweenJudges;

  const bms = betweenTargets / (n - 1);
  const wms = (totalSquares - betweenTargets) / (n * (k - 1));
  const jms = betweenJudges / (k - 1);
  const ems = residual / ((n - 1) * (k - 1));

  const forms: [IccForm, number, number][] = [
    ["ICC(1,1)", bms - wms, bms + (k - 1) * wms],
    ["ICC(2,1)", bms - ems, bms + (k - 1) * ems + (k * (jms - ems)) / n],
    ["ICC(3,1)", bms - ems, bms + (k - 1) * ems],
    ["ICC(1,k)", bms - wms, bms],
    ["ICC(2,k)", bms - ems, bms + (jms - ems) / n],
    ["ICC(3,k)", bms - ems, bms],
  ];
  // Sums of squares of equal values round to ~1e-15, not 0: treat such denominators as zero.
  if (forms.some(([, , denominator]) => Math.abs(denominator) < 1e-12)) return null;
  return Object.fromEntries(forms.map(([form, numerator, denominator]) => [form, numerator / denominator])) as IccSet;
}
