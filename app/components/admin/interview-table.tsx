import { Link } from "@remix-run/react";
import type { AdminInterviewRow } from "~/domain/interview-schedule";
import { LEVEL_LABELS } from "~/utils/labels";
import { formatDateTime } from "~/utils/format";

function ScoringBadge({ row }: { row: AdminInterviewRow }) {
  if (row.scorecards === 0) return <span className="badge badge-not_started">Not started</span>;
  if (row.submitted === row.panelSize) return <span className="badge badge-submitted">All submitted</span>;
  return (
    <span className="badge badge-draft">
      {row.submitted} of {row.panelSize} submitted
    </span>
  );
}

export function InterviewTable({ rows, highlight }: { rows: AdminInterviewRow[]; highlight?: number }) {
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">When (UTC)</th>
          <th scope="col">Candidate</th>
          <th scope="col">Variant</th>
          <th scope="col">Panel</th>
          <th scope="col">Scoring</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id} className={row.id === highlight ? "highlight" : undefined}>
            <td className="nowrap">
              <Link to={`/admin/interviews/${row.id}`}>{formatDateTime(row.scheduledAt)}</Link>
              <br />
              <span className="hint">
                {row.durationMinutes} min · rubric v{row.rubricVersionId}
              </span>
            </td>
            <td className="nowrap">
              {row.candidateName}
              <br />
              <span className="hint">{LEVEL_LABELS[row.level]}</span>
            </td>
            <td>{row.variantName}</td>
            <td>{row.panel}</td>
            <td>
              <ScoringBadge row={row} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
