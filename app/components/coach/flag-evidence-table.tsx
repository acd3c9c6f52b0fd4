import type { FlagEvidence } from "~/domain/coach/flag-evidence";

// The flag list is needed only with showFlags (the debrief); the dashboard sends the counts alone.
type Row = {
  interviewerId: number;
  name: string;
  evidence: Omit<FlagEvidence, "flags"> & Partial<Pick<FlagEvidence, "flags">>;
};

const share = (part: number, whole: number, rate: number | null) =>
  rate === null ? "—" : `${part} of ${whole} (${Math.round(rate * 100)}%)`;

/**
 * Red flags against the notes behind them, per interviewer: suggested flags the interviewer raised,
 * and raised flags no note of theirs points to. Counts are (scorecard, flag) pairs; only the flags
 * the evidence coach can read are counted.
 */
export function FlagEvidenceTable({
  rows,
  flagName,
  showFlags = false,
}: {
  rows: Row[];
  flagName: (key: string) => string;
  showFlags?: boolean;
}) {
  return (
    <table className="table" data-testid="flag-evidence">
      <thead>
        <tr>
          <th scope="col">Interviewer</th>
          <th scope="col">Scorecards</th>
          <th scope="col">Suggested by their notes, raised</th>
          <th scope="col">Raised with no supporting note</th>
          {showFlags ? <th scope="col">Flags</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map(({ interviewerId, name, evidence: e }) => (
          <tr key={interviewerId} data-flag-evidence-for={name}>
            <th scope="row">{name}</th>
            <td>{e.scorecards}</td>
            <td>{share(e.taken, e.suggested, e.uptake)}</td>
            <td>{share(e.unsupported, e.raised, e.unsupportedShare)}</td>
            {showFlags ? (
              <td>
                {!e.flags?.length
                  ? "—"
                  : e.flags.map((f) => (
                      <span
                        key={f.flag}
                        className="pill"
                        title={f.suggested ? "a note points to it" : "no note points to it"}
                      >
                        {flagName(f.flag)}: {f.raised ? "raised" : "not raised"}
                        {f.suggested ? "" : ", no supporting note"}
                      </span>
                    ))}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
