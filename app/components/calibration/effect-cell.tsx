import { pct as percent, signed } from "~/components/charts/chart-frame";
import type { EffectMeasure } from "~/domain/calibration/effect-measure";

/** How each kind of 95% interval is named beside a figure. */
export const INTERVAL = { normal: "95% interval", t: "95% t interval", exact: "exact 95% interval" } as const;

/** One effect's measure as a table cell: value, 95% interval, peers, evidence, and whether it is flagged. */
export function EffectCell({ measure: m }: { measure: EffectMeasure }) {
  if (m.value === null) return <td className="muted">{m.withheld}</td>;
  const show = m.percent ? percent : signed;
  return (
    <td>
      {m.flagged ? <strong>flagged · </strong> : null}
      {show(m.value)} {m.unit}
      {m.ciLow !== null ? ` (${INTERVAL[m.interval ?? "normal"]} ${show(m.ciLow)} to ${show(m.ciHigh)})` : ""}
      {m.percent && m.baseline !== undefined ? `; peers ${percent(m.baseline ?? null)}` : ""}{" "}
      <span className="muted">
        n={m.n}
        {m.evidenceUnit ? ` ${m.evidenceUnit}` : ""}
      </span>
    </td>
  );
}
