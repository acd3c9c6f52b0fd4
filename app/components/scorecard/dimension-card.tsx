import { useState, type KeyboardEvent } from "react";
import type { Dimension } from "~/domain/rubric/types";
import type { CapViolation } from "~/domain/scoring";
import type { EvidenceNote } from "~/domain/scorecard-content";
import { NOTE_MAX } from "~/schemas/scorecard-schema";
import { formatElapsed } from "~/utils/format";
import type { FieldBinder } from "./form-values";

interface DimensionCardProps {
  dimension: Dimension;
  weight: number;
  current: boolean;
  readOnly: boolean;
  probesOpen: boolean;
  extraProbes: string[];
  violation: CapViolation | undefined;
  notes: EvidenceNote[];
  errors: Record<string, string | undefined>;
  bind: FieldBinder;
  onFocusWithin: () => void;
  onToggleProbes: () => void;
  /** Adds the note typed in this dimension's note field (kept in the form as noteDrafts). */
  onAddNote: () => void;
  onEditNote: (id: string, text: string) => void;
  onRemoveNote: (id: string) => void;
}

/** One dimension: anchors visible while scoring, probes a keystroke away, timestamped notes. */
export function DimensionCard(props: DimensionCardProps) {
  const { dimension: d, bind, violation, errors, readOnly } = props;
  const headingId = `dimension-${d.key}`;
  const ratingError = errors[`ratings.${d.key}`];
  const justificationError = errors[`capJustifications.${d.key}`];
  const probes = [...d.probes, ...props.extraProbes];

  return (
    <section
      className={`dimension card${props.current ? " current" : ""}`}
      aria-labelledby={headingId}
      data-dimension={d.key}
      onFocus={props.onFocusWithin}
    >
      <header className="dimension-head">
        <h2 id={headingId}>{d.name}</h2>
        <span className="weight">{props.weight}%</span>
      </header>
      <p className="covers">{d.covers}</p>

      <div
        role="radiogroup"
        aria-labelledby={headingId}
        aria-invalid={ratingError ? true : undefined}
        aria-describedby={ratingError ? `${headingId}-error` : undefined}
        className="anchors"
      >
        {d.anchors.map((a) => (
          <label key={a.score} className="anchor">
            <input type="radio" disabled={readOnly} {...bind.choice(`ratings.${d.key}`, String(a.score))} />
            <span className="anchor-score" aria-hidden="true">
              {a.score}
            </span>
            <span className="anchor-text">
              <span className="visually-hidden">{a.score} — </span>
              {a.text}
            </span>
          </label>
        ))}
      </div>
      {ratingError ? (
        <p id={`${headingId}-error`} className="field-error">
          {ratingError}
        </p>
      ) : null}

      {violation ? (
        <div className="cap-warning" role="group" aria-label={`${d.name} above its cap`}>
          <p>
            Rated {violation.rating}, above the cap of {violation.cap} set by {violation.flags.map((f) => f.name).join(", ")}. Your rating stands; say why in
            one line.
          </p>
          <label className="visually-hidden" htmlFor={`${headingId}-justification`}>
            Why {d.name} is rated above its cap
          </label>
          <input
            id={`${headingId}-justification`}
            type="text"
            placeholder="Why the rating stands despite the flag"
            disabled={readOnly}
            aria-invalid={justificationError ? true : undefined}
            aria-describedby={justificationError ? `${headingId}-justification-error` : undefined}
            {...bind.text(`capJustifications.${d.key}`)}
          />
          {justificationError ? (
            <p id={`${headingId}-justification-error`} className="field-error">
              {justificationError}
            </p>
          ) : null}
        </div>
      ) : null}

      <div className="probes">
        <button type="button" className="link-button" aria-expanded={props.probesOpen} aria-controls={`${headingId}-probes`} onClick={props.onToggleProbes}>
          {props.probesOpen ? "Hide probes" : "Follow-up probes"} <kbd>p</kbd>
        </button>
        <ul id={`${headingId}-probes`} hidden={!props.probesOpen}>
          {probes.map((probe) => (
            <li key={probe}>{probe}</li>
          ))}
        </ul>
      </div>

      <NoteList {...props} headingId={headingId} />
    </section>
  );
}

function NoteList({
  dimension: d,
  notes,
  readOnly,
  errors,
  headingId,
  bind,
  onAddNote,
  onEditNote,
  onRemoveNote,
}: DimensionCardProps & { headingId: string }) {
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null);
  const noteError = errors[`notes.${d.key}`];

  const onDraftKey = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      onAddNote();
    }
  };
  const onEditKey = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && editing) {
      event.preventDefault();
      if (editing.text.trim()) onEditNote(editing.id, editing.text.trim());
      setEditing(null);
    } else if (event.key === "Escape") {
      setEditing(null);
    }
  };

  return (
    <div className="notes">
      <h3 className="visually-hidden">{d.name} evidence notes</h3>
      {notes.length ? (
        <ol className="note-list" aria-label={`${d.name} evidence notes`}>
          {notes.map((note) => (
            <li key={note.id}>
              <span className="stamp">{formatElapsed(note.elapsedSeconds)}</span>
              {editing?.id === note.id ? (
                <textarea
                  aria-label={`Edit note at ${formatElapsed(note.elapsedSeconds)}`}
                  value={editing.text}
                  maxLength={NOTE_MAX}
                  autoFocus
                  onChange={(e) => setEditing({ id: note.id, text: e.target.value })}
                  onKeyDown={onEditKey}
                  onBlur={() => setEditing(null)}
                />
              ) : (
                <span className="note-text">{note.text}</span>
              )}
              {readOnly || editing?.id === note.id ? null : (
                <span className="note-actions">
                  <button type="button" className="link-button" onClick={() => setEditing({ id: note.id, text: note.text })}>
                    Edit<span className="visually-hidden"> note at {formatElapsed(note.elapsedSeconds)}</span>
                  </button>
                  <button type="button" className="link-button danger" onClick={() => onRemoveNote(note.id)}>
                    Remove<span className="visually-hidden"> note at {formatElapsed(note.elapsedSeconds)}</span>
                  </button>
                </span>
              )}
            </li>
          ))}
        </ol>
      ) : null}
      {readOnly ? null : (
        <div className="note-add">
          <label htmlFor={`${headingId}-note`} className="visually-hidden">
            Add a {d.name} note
          </label>
          <textarea
            id={`${headingId}-note`}
            data-note-input={d.key}
            rows={1}
            maxLength={NOTE_MAX}
            placeholder={`Evidence for ${d.name} — Enter adds, stamped with the time`}
            aria-invalid={noteError ? true : undefined}
            aria-describedby={noteError ? `${headingId}-note-error` : undefined}
            onKeyDown={onDraftKey}
            {...bind.text(`noteDrafts.${d.key}`)}
          />
          {noteError ? (
            <p id={`${headingId}-note-error`} className="field-error">
              {noteError}
            </p>
          ) : null}
        </div>
      )}
    </div>
  );
}
