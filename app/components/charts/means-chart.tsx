import { integerScale } from "~/utils/chart-scale";
import { IntervalChart } from "./interval-chart";

export interface MeanPoint {
  key: string;
  name: string;
  mean: number;
  ciLow: number;
  ciHigh: number;
  highlight: boolean;
}

/** Means with 95% intervals, side by side: the variants on one dimension, across the whole rating scale. */
export function MeansChart({
  label,
  points,
  scale,
  height,
}: {
  label: string;
  points: MeanPoint[];
  scale: { min: number; max: number };
  height: number;
}) {
  return (
    <IntervalChart
      label={label}
      valueName="Mean"
      height={height}
      labelWidth={190}
      scale={integerScale(scale.min, scale.max)}
      rows={points.map((p) => ({
        key: p.key,
        name: p.name,
        value: p.mean,
        low: p.ciLow,
        high: p.ciHigh,
        colour: p.highlight ? "#b45309" : "#2f5bd3",
        note: p.highlight ? "differs from the other variants by more than noise" : undefined,
      }))}
    />
  );
}
