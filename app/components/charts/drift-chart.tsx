import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

const PALETTE = [
  "#2f5bd3",
  "#b45309",
  "#1f7a4d",
  "#b42318",
  "#6d28d9",
  "#0e7490",
  "#a16207",
  "#be185d",
  "#4d7c0f",
  "#334155",
  "#0f766e",
  "#9333ea",
  "#c2410c",
  "#1d4ed8",
];

/** Leniency by month per interviewer; a withheld month (too few ratings) leaves a gap. */
export function DriftChart({
  months,
  lines,
}: {
  months: string[];
  lines: { name: string; values: Record<string, number | null> }[];
}) {
  const data = months.map((month) => ({
    month,
    ...Object.fromEntries(lines.map((l) => [l.name, l.values[month] ?? null])),
  }));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
        <CartesianGrid stroke="#e5e8ee" />
        <XAxis dataKey="month" />
        <YAxis tickFormatter={(v: number) => v.toFixed(1)} />
        <Tooltip formatter={(v) => (v === null ? "not enough data" : Number(v).toFixed(2))} />
        <Legend />
        <ReferenceLine y={0} stroke="#1c2330" />
        {lines.map((l, i) => (
          <Line
            key={l.name}
            dataKey={l.name}
            stroke={PALETTE[i % PALETTE.length]}
            dot
            connectNulls={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
