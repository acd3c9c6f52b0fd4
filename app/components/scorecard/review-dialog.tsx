import { useEffect, useRef } from "react";
import type { Rubric } from "~/domain/rubric/types";
import type { MissingItem, WeightedScore } from "~/domain/scoring";
import type { ScorecardScores } from "~/domain/scoring";

// Submitting is deliberate: Submit or Ctrl+Enter opens this review, one more Enter confirms it,
// Esc goes back to the card. What is still missing is listed, and then Enter goes to it instead.

export function ReviewDialog(props: {
  open: boolean;
  rubric: Rubric;
  scores: ScorecardScores;
  weighted: WeightedScore;
  missing: MissingItem[];
  onConfirm: () => void;
  onGoToMissing: () => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  }, [props.open]);
  const { rubric, scores, weighted, missing } = props;
  const flags = rubric.redFlags.filter((f) => scores.redFlags.includes(f.key));
  const recommendation = rubric.recommendations.find((r) => r.key === scores.recommendation);

  return (
    <dialog ref={ref} className="review" aria-labelledby="review-title" onClose={props.onClose}>
      {props.open ? (
        <>
          <h2 id="review-title">Review before submitting</h2>
          <p className="hint">Once submitted the card is read-only; a later change is an amendment with a reason.</p>
          <table className="table">
            <tbody>
              {rubric.dimensions.map((d) => (
                <tr key={d.key}>
                  <th scope="row">{d.name}</th>
                  <td>{scores.ratings[d.key] ?? "—"}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">Weighted</th>
                <td>{weighted.score === null ? "—" : weighted.score.toFixed(2)}</td>
              </tr>
              <tr>
                <th scope="row">Recommendation</th>
                <td>{recommendation?.name ?? "—"}</td>
              </tr>
              <tr>
                <th scope="row">Red flags</th>
                <td>{flags.length ? flags.map((f) => f.name).join(", ") : "none raised"}</td>
              </tr>
            </tbody>
          </table>
          {missing.length ? (
            <div className="field-error" role="alert">
              <p>Still missing:</p>
              <ul>
                {missing.map((m) => (
                  <li key={m.field}>{m.message}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="conflict-actions">
            {missing.length ? (
              <button type="button" className="button primary" autoFocus onClick={props.onGoToMissing}>
                Go to the first missing item <kbd>Enter</kbd>
              </button>
            ) : (
              <button type="button" className="button primary" autoFocus onClick={props.onConfirm}>
                Submit now <kbd>Enter</kbd>
              </button>
            )}
            <button type="button" className="button" onClick={props.onClose}>
              Back to the card <kbd>Esc</kbd>
            </button>
          </div>
        </>
      ) : null}
    </dialog>
  );
}
