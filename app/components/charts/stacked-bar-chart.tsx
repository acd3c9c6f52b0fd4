import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface StackSeries {
  key: string;
  name: string;
  colour: string;
}

/** Horizontal stacked bars, one row per item: recommendation mix, score distributions. */
export function StackedBarChart({
  data,
  series,
  categoryKey,
  percent,
}: {
  data: Record<string, string | number>[];
  series: StackSeries[];
  categoryKey: string;
  percent?: boolean;
}) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart
        accessibilityLayer={false}
        layout="vertical"
        data={data}
        stackOffset={percent ? "expand" : "none"}
        margin={{ top: 8, right: 24, bottom: 8, left: 8 }}
      >
        <CartesianGrid horizontal={false} stroke="#e5e8ee" />
        <XAxis type="number" tickFormatter={(v: number) => (percent ? `${Math.round(v * 100)}%` : String(v))} />
        <YAxis type="category" dataKey={categoryKey} width={150} interval={0} />
        <Tooltip />
        <Legend itemSorter={null} />
        {series.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.name} stackId="stack" fill={s.colour} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
