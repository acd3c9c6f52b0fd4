import {
  CartesianGrid,
  ErrorBar,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

/** Axis ticks as scores read: "2.5", never "0.8986099274954598" (the domain widens to fit the data). */
export const tick = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));

/** Raw against rater-adjusted means: points off the diagonal met a harsh or lenient panel. */
export function AdjustedScatter({
  points,
  scale,
}: {
  /** `error`: the adjusted score's 95% interval as (below, above) distances, drawn as a vertical bar. */
  points: { candidate: string; rawMean: number; adjustedMean: number; error: readonly [number, number] | null }[];
  scale: { min: number; max: number };
}) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ScatterChart accessibilityLayer={false} margin={{ top: 8, right: 24, bottom: 24, left: 16 }}>
        <CartesianGrid stroke="#e5e8ee" />
        <XAxis
          type="number"
          dataKey="rawMean"
          name="Raw mean"
          domain={[scale.min, scale.max]}
          tickFormatter={tick}
          label={{ value: "Raw mean", position: "insideBottom", offset: -12 }}
        />
        <YAxis
          type="number"
          dataKey="adjustedMean"
          name="Adjusted mean"
          domain={[scale.min, scale.max]}
          tickFormatter={tick}
          width={48}
          label={{ value: "Adjusted", angle: -90, position: "insideLeft", offset: -4 }}
        />
        <Tooltip formatter={(v) => Number(v).toFixed(2)} />
        <ReferenceLine
          segment={[
            { x: scale.min, y: scale.min },
            { x: scale.max, y: scale.max },
          ]}
          stroke="#9aa6b8"
        />
        <Scatter data={points} fill="#2f5bd3" fillOpacity={0.6} isAnimationActive={false}>
          <ErrorBar dataKey="error" direction="y" width={0} stroke="#2f5bd3" strokeOpacity={0.35} />
        </Scatter>
      </ScatterChart>
    </ResponsiveContainer>
  );
}
