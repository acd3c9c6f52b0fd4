import { useEffect, useId, useState, type ReactNode } from "react";
import { describeMissing } from "~/domain/calibration/evidence";

/**
 * A fixed-size frame, so nothing jumps when the chart draws in the browser (recharts renders an
 * empty wrapper on the server), with the same numbers as a table one click away. The table is
 * always in the page — visually hidden behind the chart — so screen readers read the numbers.
 */
export function ChartFrame({
  title,
  height,
  chart,
  table,
  summary,
}: {
  title: string;
  height: number;
  chart: ReactNode;
  table: ReactNode;
  summary?: string;
}) {
  const [mounted, setMounted] = useState(false);
  const [asTable, setAsTable] = useState(false);
  const id = useId();
  useEffect(() => setMounted(true), []);
  return (
    <figure className="chart card" aria-labelledby={`${id}-title`}>
      <figcaption className="chart-head">
        <div>
          <h3 id={`${id}-title`}>{title}</h3>
          {summary ? <p className="hint">{summary}</p> : null}
        </div>
        <button type="button" className="link-button" aria-pressed={asTable} onClick={() => setAsTable((v) => !v)}>
          {asTable ? "Show as chart" : "Show as table"}
        </button>
      </figcaption>
      {asTable ? null : (
        <div className="chart-area" style={{ height }} aria-hidden="true">
          {mounted ? chart : null}
        </div>
      )}
      <div className={asTable ? "chart-table" : "visually-hidden"}>{table}</div>
    </figure>
  );
}

export const fmt = (value: number | null | undefined, digits = 2) =>
  value === null || value === undefined ? "—" : value.toFixed(digits);
export const pct = (value: number | null | undefined) =>
  value === null || value === undefined ? "—" : `${Math.round(value * 100)}%`;
/** A withheld figure says what evidence is missing: "needs 5 shared candidates, has 2" (evidence.ts). */
export const withheld = describeMissing;
