import { useState, type KeyboardEvent, type ReactNode } from "react";
import type { Dimension } from "~/domain/rubric/types";
import { NOTE_MAX, type EvidenceNote } from "~/domain/scorecard-content";
import { formatElapsed, withArticle } from "~/utils/format";
import type { FieldBinder } from "./form-values";
import { textLock } from "./read-lock";

export interface NoteListProps {
  dimension: Dimension;
  notes: EvidenceNote[];
  readOnly: boolean;
  error: string | undefined;
  headingId: string;
  bind: FieldBinder;
  onAddNote: () => void;
  onEditNote: (id: string, text: string) => void;
  onRemoveNote: (id: string) => void;
  /**
   * Something to show under each note's text (the evidence coach's suggested flags), on a line of
   * its own inside the note's row; null draws nothing.
   */
  renderNoteAdornment?: (note: EvidenceNote) => ReactNode;
  /** The note's text as shown (the coach underlines spans in it); the plain text when absent. */
  renderNoteText?: (note: EvidenceNote) => ReactNode;
}

/** One dimension's timestamped evidence notes and the box that adds one (Enter adds; it never submits). */
export function NoteList({
  dimension: d,
  notes,
  readOnly,
  error,
  headingId,
  bind,
  onAddNote,
  onEditNote,
  onRemoveNote,
  renderNoteAdornment,
  renderNoteText,
}: NoteListProps) {
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null);

  const onDraftKey = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      onAddNote();
    }
  };
  const onEditKey = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.ctrlKey && editing) {
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
                <span className="note-text">{renderNoteText ? renderNoteText(note) : note.text}</span>
              )}
              {readOnly || editing?.id === note.id ? null : (
                <span className="note-actions">
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => setEditing({ id: note.id, text: note.text })}
                  >
                    Edit<span className="visually-hidden"> note at {formatElapsed(note.elapsedSeconds)}</span>
                  </button>
                  <button type="button" className="link-button danger" onClick={() => onRemoveNote(note.id)}>
                    Remove<span className="visually-hidden"> note at {formatElapsed(note.elapsedSeconds)}</span>
                  </button>
                </span>
              )}
              {renderNoteAdornment && editing?.id !== note.id ? (
                <div className="note-adornment">{renderNoteAdornment(note)}</div>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
      {readOnly ? null : (
        <div className="note-add">
          <label htmlFor={`${headingId}-note`} className="visually-hidden">
            Add {withArticle(d.name)} note
          </label>
          <textarea
            id={`${headingId}-note`}
            data-note-input={d.key}
            rows={1}
            maxLength={NOTE_MAX}
            placeholder={`Evidence for ${d.name} — Enter adds it, stamped with the interview time`}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${headingId}-note-error` : undefined}
            onKeyDown={onDraftKey}
            {...textLock(readOnly)}
            {...bind.text(`noteDrafts.${d.key}`)}
          />
          {error ? (
            <p id={`${headingId}-note-error`} className="field-error">
              {error}
            </p>
          ) : null}
        </div>
      )}
    </div>
  );
}
