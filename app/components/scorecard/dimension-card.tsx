import { memo, type ReactNode } from "react";
import { useWatch, type Control } from "react-hook-form";
import type { Dimension, Rubric } from "~/domain/rubric/types";
import { useIsCurrentDimension, type CurrentDimensionStore } from "./current-dimension";
import type { FieldBinder, ScorecardFormValues } from "./form-values";
import { renderCoachAdornment, renderCoachedText } from "./evidence-coach";
import { NoteList } from "./note-list";
import { choiceLock } from "./read-lock";
import { CapWarning } from "./cap-warning";

interface DimensionCardProps {
  rubric: Rubric;
  control: Control<ScorecardFormValues>;
  dimension: Dimension;
  /** Its place in the rubric: what onFocusDimension is called with. */
  index: number;
  weight: number;
  /** The open dimension: the card re-renders only when it folds or unfolds. */
  currentDimension: CurrentDimensionStore;
  readOnly: boolean;
  probesOpen: boolean;
  extraProbes: string[];
  errors: Record<string, string | undefined>;
  bind: FieldBinder;
  /** The choices of this dimension's conflicts (the same array while they do not change). */
  conflicts: ReactNode[];
  // Shared by the four cards and stable across renders (the card is memoised): each card passes
  // its own index or key.
  onFocusDimension: (index: number) => void;
  onToggleProbes: (dimensionKey: string) => void;
  onAddNote: (dimensionKey: string) => void;
  onEditNote: (id: string, text: string) => void;
  onRemoveNote: (id: string) => void;
}

/** The short label always on screen while listening; the full anchor is a key (x) or a hover away. */
export function shortAnchor(text: string): string {
  const head = text.split(/[:;.]/)[0].trim();
  if (head.length <= 40) return head;
  const cut = head.slice(0, 40);
  return `${cut.slice(0, cut.lastIndexOf(" "))}…`;
}

/**
 * One dimension: anchors visible while scoring, probes a keystroke away, timestamped notes.
 * Memoised, with its own subscriptions: a change elsewhere (another card's rating or note, a flag
 * that caps another dimension, a keystroke in any note box) does not re-render it. What a change to
 * the form shows is watched by the part that shows it: a rating renders the header's label (and the
 * cap warning if the violation changes), a flag the cap warning, a note added the note list and its
 * new row — never the card's anchors, probes and note list together.
 */
export const DimensionCard = memo(function DimensionCard(props: DimensionCardProps) {
  const { dimension: d, bind, errors, readOnly, control } = props;
  // A submitted card (read-only) has every dimension open.
  const current = useIsCurrentDimension(props.currentDimension, props.index) && !readOnly;
  // Focus moving inside the current card (a rating key, n to its note box) asks nothing of the editor:
  // its reducer would return the same state, but only after rendering the editor to find out.
  const onFocusWithin = () => {
    if (!current) props.onFocusDimension(props.index);
  };
  const headingId = `dimension-${d.key}`;
  const ratingError = errors[`ratings.${d.key}`];
  const probes = [...d.probes, ...props.extraProbes];

  return (
    // A click on a folded card is a mouse shortcut; the keyboard gets the same through onFocus (Tab, or j/k).
    // eslint-disable-next-line jsx-a11y/click-events-have-key-events
    <section
      className={`dimension card${current ? " current" : ""}`}
      aria-labelledby={headingId}
      data-dimension={d.key}
      onFocus={onFocusWithin}
      onClick={current ? undefined : onFocusWithin}
    >
      <header className="dimension-head">
        <h2 id={headingId}>{d.name}</h2>
        <span className="weight">{props.weight}%</span>
        <ChosenLabel control={control} dimension={d} />
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
          <label key={a.score} className="anchor" title={a.text}>
            <input type="radio" {...choiceLock(readOnly)} {...bind.choice(`ratings.${d.key}`, String(a.score))} />
            <span className="anchor-score" aria-hidden="true">
              {a.score}
            </span>
            <span className="anchor-short" aria-hidden="true">
              {shortAnchor(a.text)}
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

      <CapWarning
        control={control}
        rubric={props.rubric}
        dimension={d}
        headingId={headingId}
        readOnly={readOnly}
        bind={bind}
        justificationError={errors[`capJustifications.${d.key}`]}
      />

      {props.conflicts}

      <div className="probes">
        <button
          type="button"
          className="link-button"
          aria-expanded={props.probesOpen}
          aria-controls={`${headingId}-probes`}
          onClick={() => props.onToggleProbes(d.key)}
        >
          {props.probesOpen ? "Hide probes" : "Follow-up probes"} <kbd>p</kbd>
        </button>
        <ul id={`${headingId}-probes`} hidden={!props.probesOpen}>
          {probes.map((probe) => (
            <li key={probe}>{probe}</li>
          ))}
        </ul>
      </div>

      <NoteList
        dimension={d}
        control={control}
        readOnly={readOnly}
        error={errors[`notes.${d.key}`]}
        headingId={headingId}
        bind={bind}
        onAddNote={props.onAddNote}
        onEditNote={props.onEditNote}
        onRemoveNote={props.onRemoveNote}
        renderNoteAdornment={renderCoachAdornment}
        renderNoteText={renderCoachedText}
      />
    </section>
  );
});

/** The rating chosen, as a folded card's header shows it: re-rendered by its dimension's rating alone. */
const ChosenLabel = memo(function ChosenLabel({
  control,
  dimension: d,
}: {
  control: Control<ScorecardFormValues>;
  dimension: Dimension;
}) {
  const rating = useWatch({ control, name: `ratings.${d.key}` });
  const chosen = d.anchors.find((a) => String(a.score) === rating);
  return (
    <span className="chosen" aria-hidden="true">
      {chosen ? `${chosen.score} · ${shortAnchor(chosen.text)}` : "not rated"}
    </span>
  );
});
