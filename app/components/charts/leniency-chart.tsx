import {
  Bar,
  CartesianGrid,
  Cell,
  ComposedChart,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

export interface LeniencyPoint {
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
}: {
  points: LeniencyPoint[];
  scaleSpan: number;
  threshold: number;
}) {
  const data = points.map((p) => ({
    ...p,
    interval: [p.ciLow, p.ciHigh] as [number, number],
    fill: COLOURS[p.flag ?? "none"],
  }));
  const bound = Math.min(scaleSpan, Math.max(1, ...points.flatMap((p) => [Math.abs(p.ciLow), Math.abs(p.ciHigh)])));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <ComposedChart
        accessibilityLayer={false}
        layout="vertical"
        data={data}
        margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
      >
        <CartesianGrid horizontal={false} stroke="#e5e8ee" />
        <XAxis type="number" domain={[-bound, bound]} tickFormatter={(v: number) => v.toFixed(1)} />
        <YAxis type="category" dataKey="name" width={130} interval={0} />
        <Tooltip
          formatter={(value) =>
            Array.isArray(value) ? value.map((v) => Number(v).toFixed(2)).join(" to ") : Number(value).toFixed(2)
          }
        />
        <ReferenceLine x={0} stroke="#1c2330" />
        <ReferenceLine x={threshold} stroke="#b45309" strokeDasharray="4 4" />
        <ReferenceLine x={-threshold} stroke="#b42318" strokeDasharray="4 4" />
        <Bar dataKey="interval" name="95% interval" barSize={6} fill="#9aa6b8" isAnimationActive={false} />
        <Scatter dataKey="leniency" name="Leniency" isAnimationActive={false}>
          {data.map((d) => (
            <Cell key={d.name} fill={d.fill} />
          ))}
        </Scatter>
      </ComposedChart>
    </ResponsiveContainer>
  );
}
