import { symmetricScale } from "~/utils/chart-scale";
import { IntervalChart } from "./interval-chart";

export interface LeniencyPoint {
  key: string;
  name: string;
  leniency: number;
  ciLow: number;
  ciHigh: number;
  flag: "lenient" | "severe" | null;
}

const COLOURS = { lenient: "#b45309", severe: "#b42318", none: "#2f5bd3" };

/** Each interviewer's effect in the rater model, its 95% interval, the zero line and the flag threshold. */
export function LeniencyChart({
  points,
  scaleSpan,
  threshold,
  height,
}: {
  points: LeniencyPoint[];
  scaleSpan: number;
  threshold: number;
  height: number;
}) {
  // Symmetric around 0, at least ±1 point and at most the whole rating scale, wide enough for every interval.
  const bound = Math.min(scaleSpan, Math.max(1, ...points.flatMap((p) => [Math.abs(p.ciLow), Math.abs(p.ciHigh)])));
  const scale = symmetricScale(bound);
  return (
    <IntervalChart
      label="Leniency and severity"
      valueName="Leniency"
      height={height}
      labelWidth={130}
      // Effects read as points on the rating scale: at least one decimal (0.0, 0.5, 1.0).
      scale={{ ...scale, decimals: Math.max(1, scale.decimals) }}
      references={[
        { at: 0, colour: "#1c2330" },
        { at: threshold, colour: COLOURS.lenient, dashed: true },
        { at: -threshold, colour: COLOURS.severe, dashed: true },
      ]}
      rows={points.map((p) => ({
        key: p.key,
        name: p.name,
        value: p.leniency,
        low: p.ciLow,
        high: p.ciHigh,
        colour: COLOURS[p.flag ?? "none"],
        note: p.flag ?? undefined,
      }))}
    />
  );
}
