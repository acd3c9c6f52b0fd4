import type { ReactNode } from "react";

export interface InterviewerColumn<Row> {
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
}

/** A table with one row per interviewer: their name heads the row, then one cell per column. */
export function InterviewerTable<Row extends { name: string }>({
  rows,
  rowKey,
  columns,
}: {
  rows: Row[];
  rowKey: (row: Row) => string | number;
  columns: InterviewerColumn<Row>[];
}) {
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Interviewer</th>
          {columns.map((c) => (
            <th scope="col" key={c.key}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            <th scope="row">{row.name}</th>
            {columns.map((c) => (
              <td key={c.key}>{c.cell(row)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
