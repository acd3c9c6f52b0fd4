import { fmt } from "~/components/charts/chart-frame";
import type { EffectMeasure } from "~/domain/calibration/effect-measure";

const signed = (x: number | null) => (x === null ? "—" : `${x > 0 ? "+" : ""}${fmt(x)}`);

/** One effect's measure as a table cell: value, 95% interval, evidence, and whether it is flagged. */
export function EffectCell({ measure: m }: { measure: EffectMeasure }) {
  if (m.value === null) return <td className="muted">{m.withheld}</td>;
  return (
    <td>
      {m.flagged ? <strong>flagged · </strong> : null}
      {signed(m.value)} {m.unit}
      {m.ciLow !== null ? ` (95% interval ${signed(m.ciLow)} to ${signed(m.ciHigh)})` : ""}{" "}
      <span className="muted">n={m.n}</span>
    </td>
  );
}
