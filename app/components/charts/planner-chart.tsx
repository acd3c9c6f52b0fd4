import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

const PALETTE = ["#1c2330", "#2f5bd3", "#b45309", "#1f7a4d", "#b42318", "#6d28d9", "#0e7490", "#be185d", "#4d7c0f"];

/** Reliability Φ(k) against the number of interviewers on the panel, one line per series. */
export function PlannerChart({
  sizes,
  lines,
}: {
  sizes: readonly number[];
  lines: { name: string; values: Record<string, number> }[];
}) {
  const data = sizes.map((k) => ({
    k: String(k),
    ...Object.fromEntries(lines.map((l) => [l.name, l.values[String(k)] ?? null])),
  }));
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 24, bottom: 16, left: 8 }}>
        <CartesianGrid stroke="#e5e8ee" />
        <XAxis dataKey="k" label={{ value: "interviewers on the panel", position: "insideBottom", offset: -8 }} />
        {/* Fixed ticks: recharts picks quarters on [0, 1], which one decimal shows as 0.3 and 0.8. */}
        <YAxis domain={[0, 1]} ticks={[0, 0.2, 0.4, 0.6, 0.8, 1]} tickFormatter={(v: number) => v.toFixed(1)} />
        <Tooltip formatter={(v) => Number(v).toFixed(2)} />
        <Legend verticalAlign="top" />
        {lines.map((l, i) => (
          <Line
            key={l.name}
            dataKey={l.name}
            stroke={PALETTE[i % PALETTE.length]}
            strokeWidth={i === 0 ? 3 : 1.5}
            dot
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
