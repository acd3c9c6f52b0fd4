import type { KeyComparison } from "~/domain/practice";

interface KeyComparisonTableProps {
  comparison: KeyComparison;
  recommendationName: (key: string | null) => string;
  flagName: (key: string) => string;
}

/** A submitted practice scorecard beside the reference key, with the key's reason per dimension. */
export function KeyComparisonTable({ comparison, recommendationName, flagName }: KeyComparisonTableProps) {
  const { recommendation, redFlags } = comparison;
  const flags = (keys: string[]) => (keys.length ? keys.map(flagName).join(", ") : "none");
  return (
    <div className="stack">
      <table className="table key-comparison">
        <caption className="visually-hidden">Your ratings beside the reference key</caption>
        <thead>
          <tr>
            <th scope="col">Dimension</th>
            <th scope="col">You</th>
            <th scope="col">Key</th>
            <th scope="col">Difference</th>
            <th scope="col">Why the key says so</th>
          </tr>
        </thead>
        <tbody>
          {comparison.dimensions.map((d) => (
            <tr key={d.dimension}>
              <th scope="row">{d.name}</th>
              <td className="score-cell">{d.score ?? "—"}</td>
              <td className="score-cell">{d.key ?? "—"}</td>
              <td
                className={`diff ${d.difference == null ? "" : d.difference > 0 ? "above" : d.difference < 0 ? "below" : "on-key"}`}
              >
                {d.difference == null
                  ? "—"
                  : d.difference === 0
                    ? "on the key"
                    : `${d.difference > 0 ? "+" : "−"}${Math.abs(d.difference)} ${d.difference > 0 ? "above" : "below"}`}
              </td>
              <td className="hint">{d.rationale}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">Recommendation</th>
            <td>{recommendationName(recommendation.yours)}</td>
            <td>{recommendationName(recommendation.key)}</td>
            <td className={`diff ${recommendation.same ? "on-key" : "above"}`}>
              {recommendation.same ? "same" : "differs"}
            </td>
            <td />
          </tr>
        </tbody>
      </table>
      <p className="hint">
        Red flags — both: {flags(redFlags.both)} · only you: {flags(redFlags.onlyYours)} · only the key:{" "}
        {flags(redFlags.onlyKey)}
        {comparison.meanAbsolute != null ? ` · mean distance from the key ${comparison.meanAbsolute.toFixed(2)}` : ""}
      </p>
    </div>
  );
}
