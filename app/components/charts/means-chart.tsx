import { Bar, CartesianGrid, Cell, ComposedChart, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from "recharts";

export interface MeanPoint {
  name: string;
  mean: number;
  ciLow: number;
  ciHigh: number;
  highlight: boolean;
}

/** Means with 95% intervals, side by side: the variants on one dimension. */
export function MeansChart({ points, scale }: { points: MeanPoint[]; scale: { min: number; max: number } }) {
  const data = points.map((p) => ({
    ...p,
    interval: [p.ciLow, p.ciHigh] as [number, number],
    fill: p.highlight ? "#b45309" : "#2f5bd3",
  }));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart
        accessibilityLayer={false}
        layout="vertical"
        data={data}
        margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
      >
        <CartesianGrid horizontal={false} stroke="#e5e8ee" />
        <XAxis type="number" domain={[scale.min, scale.max]} tickCount={scale.max - scale.min + 1} />
        <YAxis type="category" dataKey="name" width={190} interval={0} />
        <Tooltip
          formatter={(value) =>
            Array.isArray(value) ? value.map((v) => Number(v).toFixed(2)).join(" to ") : Number(value).toFixed(2)
          }
        />
        <Bar dataKey="interval" name="95% interval" barSize={6} fill="#9aa6b8" isAnimationActive={false} />
        <Scatter dataKey="mean" name="Mean" isAnimationActive={false}>
          {data.map((d) => (
            <Cell key={d.name} fill={d.fill} />
          ))}
        </Scatter>
      </ComposedChart>
    </ResponsiveContainer>
  );
}
