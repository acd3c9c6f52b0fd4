import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from "react";
import { useWatch, type Control } from "react-hook-form";
import type { Dimension } from "~/domain/rubric/types";
import { NOTE_MAX, type EvidenceNote } from "~/domain/scorecard-content";
import { formatElapsed, withArticle } from "~/utils/format";
import type { FieldBinder, ScorecardFormValues } from "./form-values";
import { textLock } from "./read-lock";

// A layout effect in the browser (it runs in the commit, before the frame); nothing on the server,
// where React warns of a layout effect.
const useBeforePaint = typeof document === "undefined" ? useEffect : useLayoutEffect;

export interface NoteListProps {
  dimension: Dimension;
  /** The form whose notes the list shows (those of its dimension). */
  control: Control<ScorecardFormValues>;
  readOnly: boolean;
  error: string | undefined;
  headingId: string;
  bind: FieldBinder;
  /** Called with the dimension's key (a callback shared by the cards, so the list keeps its props). */
  onAddNote: (dimensionKey: string) => void;
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

/**
 * One dimension's timestamped evidence notes and the box that adds one (Enter adds; it never submits).
 * Memoised: its card re-renders for a rating, a cap or the current dimension, none of which it shows.
 * It watches its dimension's notes itself: a note added re-renders this list, not its card (the
 * header, the anchors, the probes).
 */
export const NoteList = memo(function NoteList({
  dimension: d,
  control,
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
  // The computed list is compared with the last one: a note added elsewhere does not re-render it.
  const notes = useWatch({
    control,
    name: "notes",
    compute: (all) => (all ?? []).filter((n) => n.dimension === d.key),
  });
  const [editing, setEditing] = useState<{ id: string; text: string } | null>(null);
  const stopEditing = useCallback(() => setEditing(null), []);
  // A note added while typing: the newest note brought into view in the open card's pane of notes
  // (which otherwise stays where the interviewer scrolled it; it opens on the newest:
  // scorecard-live.css), and the box kept in view too — on half a screen the flags and the
  // recommendation stick to the bottom edge, and the box once slid under them, taking keystrokes
  // nobody could see (its scroll-margin-bottom clears that panel). In the frame's animation
  // callbacks: once every write of the keystroke is done, so the layout scrolling needs is the
  // frame's own. Scrolling in the commit laid the page out twice per note (the writes after it
  // dirtied the layout again): ~10 ms of a note's ~25 ms of handlers at 4x CPU.
  const count = notes.length;
  const listRef = useRef<HTMLOListElement>(null);
  useBeforePaint(() => {
    const box = document.getElementById(`${headingId}-note`);
    if (box === null || box !== document.activeElement) return;
    const frame = requestAnimationFrame(() => {
      if (box !== document.activeElement) return; // Escape or a submit moved on within the frame
      listRef.current?.lastElementChild?.scrollIntoView({ block: "nearest" });
      box.scrollIntoView({ block: "nearest" });
    });
    return () => cancelAnimationFrame(frame);
  }, [count, headingId]);

  const onDraftKey = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      onAddNote(d.key);
    }
  };

  return (
    <div className="notes">
      <h3 className="visually-hidden">{d.name} evidence notes</h3>
      {notes.length ? (
        <div className="note-scroll">
          <ol ref={listRef} className="note-list" aria-label={`${d.name} evidence notes`}>
            {notes.map((note) => (
              <NoteRow
                key={note.id}
                note={note}
                editingText={editing?.id === note.id ? editing.text : null}
                readOnly={readOnly}
                onEdit={setEditing}
                onStopEditing={stopEditing}
                onEditNote={onEditNote}
                onRemoveNote={onRemoveNote}
                renderNoteAdornment={renderNoteAdornment}
                renderNoteText={renderNoteText}
              />
            ))}
          </ol>
        </div>
      ) : readOnly ? null : (
        <p className="notes-empty">No notes yet.</p>
      )}
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
});

interface NoteRowProps {
  note: EvidenceNote;
  /** The text being edited when this note is open for editing, else null. */
  editingText: string | null;
  readOnly: boolean;
  onEdit: (editing: { id: string; text: string }) => void;
  onStopEditing: () => void;
  onEditNote: (id: string, text: string) => void;
  onRemoveNote: (id: string) => void;
  renderNoteAdornment?: (note: EvidenceNote) => ReactNode;
  renderNoteText?: (note: EvidenceNote) => ReactNode;
}

/**
 * One note. Memoised on the note's content, not its identity (react-hook-form copies the whole list
 * at every setValue): a note added, edited or removed re-renders its own row, not the card's others.
 */
const NoteRow = memo(function NoteRow({
  note,
  editingText,
  readOnly,
  onEdit,
  onStopEditing,
  onEditNote,
  onRemoveNote,
  renderNoteAdornment,
  renderNoteText,
}: NoteRowProps) {
  const editing = editingText !== null;
  const onEditKey = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.ctrlKey) {
      event.preventDefault();
      if (editingText?.trim()) onEditNote(note.id, editingText.trim());
      onStopEditing();
    } else if (event.key === "Escape") {
      onStopEditing();
    }
  };
  return (
    <li>
      <span className="stamp">{formatElapsed(note.elapsedSeconds)}</span>
      {editing ? (
        <textarea
          aria-label={`Edit note at ${formatElapsed(note.elapsedSeconds)}`}
          value={editingText}
          maxLength={NOTE_MAX}
          autoFocus
          onChange={(e) => onEdit({ id: note.id, text: e.target.value })}
          onKeyDown={onEditKey}
          onBlur={onStopEditing}
        />
      ) : (
        <span className="note-text">{renderNoteText ? renderNoteText(note) : note.text}</span>
      )}
      {readOnly || editing ? null : (
        <span className="note-actions">
          <button type="button" className="link-button" onClick={() => onEdit({ id: note.id, text: note.text })}>
            Edit<span className="visually-hidden"> note at {formatElapsed(note.elapsedSeconds)}</span>
          </button>
          <button type="button" className="link-button danger" onClick={() => onRemoveNote(note.id)}>
            Remove<span className="visually-hidden"> note at {formatElapsed(note.elapsedSeconds)}</span>
          </button>
        </span>
      )}
      {renderNoteAdornment && !editing ? <div className="note-adornment">{renderNoteAdornment(note)}</div> : null}
    </li>
  );
}, sameRow);

function sameRow(a: NoteRowProps, b: NoteRowProps): boolean {
  if (Object.keys(a).length !== Object.keys(b).length) return false;
  for (const key of Object.keys(a) as (keyof NoteRowProps)[]) if (key !== "note" && a[key] !== b[key]) return false;
  const [x, y] = [a.note, b.note];
  return x.id === y.id && x.text === y.text && x.elapsedSeconds === y.elapsedSeconds && x.dimension === y.dimension;
}
