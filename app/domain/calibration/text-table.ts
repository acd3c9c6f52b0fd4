/** A number for a reader: fixed decimals, "n/a" for a statistic that is undefined. */
export function formatNumber(value: number | null, decimals = 2): string {
  return value === null ? "n/a" : value.toFixed(decimals);
}

/**
 * A plain-text table with a header rule: text columns (those whose cells are not all numeric)
 * are left-aligned, numeric columns right-aligned so their decimals line up.
 */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, k) => rows.reduce((width, row) => Math.max(width, row[k].length), header.length));
  const numeric = headers.map((_, k) => rows.length > 0 && rows.every((row) => /^[-+]?[\d.]+$|^n\/a$/.test(row[k])));
  const render = (cells: readonly string[]): string =>
    cells
      .map((cell, k) => (numeric[k] ? cell.padStart(widths[k]) : cell.padEnd(widths[k])))
      .join("  ")
      .trimEnd();
  return [render(headers), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(render)].join("\n");
}
