import { Form } from "@remix-run/react";
import { memo, useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import type { Level, Rubric, Variant } from "~/domain/rubric/types";
import type { ScorecardTiming } from "~/domain/scorecard-content";
import { NO_TIMING } from "~/domain/scorecard-content";
import { computeWeightedScore, dimensionWeights } from "~/domain/scoring";
import type { MergeConflict } from "~/domain/scorecard/merge-draft";
import type { RevisionEntry } from "./scorecard-sidebar";
import type { FieldErrors } from "~/schemas/form-errors";
import { ConflictBeside, conflictDimension } from "./conflict-notice";
import { DimensionCard } from "./dimension-card";
import { editorReducer, initialEditorState } from "./editor-state";
import { EvidenceCoach, useCoachKeys } from "./evidence-coach";
import { FetcherBridge } from "./fetcher-bridge";
import {
  asList,
  bindFields,
  newNoteId,
  toFormValues,
  toScores,
  type ScorecardFormValues,
  type StoredScorecard,
  type TimerState,
} from "./form-values";
import { LiveBar } from "./live-bar";
import { localDraftKey } from "./local-draft";
import { ReviewDialog } from "./review-dialog";
import { SaveStatusLine } from "./save-status";
import { ScorecardSidebar } from "./scorecard-sidebar";
import { ShortcutsDialog } from "./shortcuts-dialog";
import { TimerPanel } from "./timer-panel";
import { useInterviewClock } from "./use-interview-clock";
import { useScorecardSync } from "./use-scorecard-sync";
import { useShortcuts } from "./use-shortcuts";
import { useSubmitFlow } from "./use-submit-flow";

export interface ScorecardEditorProps {
  userId: number;
  interview: { id: number; candidateName: string; scheduledAt: string };
  level: Level;
  variant: Variant;
  rubric: Rubric;
  rubricVersionId: number;
  serverNow: number;
  scorecard:
    | (StoredScorecard & {
        revision: number;
        status: "draft" | "submitted";
        timer: TimerState;
        timing: ScorecardTiming;
        submittedAt: string | null;
        weightedScore: number | null;
      })
    | null;
  /** A no-JavaScript submit that failed: what was posted (typed notes included), and why. */
  rejected?: { values: StoredScorecard & { noteDrafts?: Record<string, string> }; errors: FieldErrors } | null;
  /** The submission and its amendments, for a submitted scorecard. */
  revisions: RevisionEntry[];
}

const NO_CONFLICTS: MergeConflict[] = [];

/**
 * The scorecard being written. Memoised, and it re-renders only for its own state (the current
 * dimension, panels, errors, conflicts, the clock): form values are watched by the parts that show
 * them, the fetchers live in FetcherBridges, and the save status in a store its line reads.
 */
export const ScorecardEditor = memo(function ScorecardEditor(props: ScorecardEditorProps) {
  const { rubric, variant, interview, scorecard, rubricVersionId } = props;
  const submitted = scorecard?.status === "submitted";
  const [ui, dispatch] = useReducer(editorReducer, props.rejected?.errors, initialEditorState);
  const readOnly = submitted && !ui.amending;
  // Live mode (folded dimensions, short anchors) needs the keys that unfold them: after hydration
  // only, so without JavaScript every dimension stays open.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const weights = useMemo(() => dimensionWeights(rubric, variant.key), [rubric, variant.key]);

  const form = useForm<ScorecardFormValues>({
    defaultValues: toFormValues(rubric, props.rejected?.values ?? scorecard),
  });
  const { register, getValues, setValue, reset } = form;
  // The first values only: they render the page; afterwards react-hook-form owns the inputs.
  const [initialValues] = useState(() => form.formState.defaultValues as ScorecardFormValues);
  const bind = useMemo(() => bindFields(register, initialValues), [register, initialValues]);

  const onClockChange = useRef(() => {});
  const clock = useInterviewClock(
    { timer: scorecard?.timer ?? { elapsedMs: 0, runningSince: null }, timing: scorecard?.timing ?? NO_TIMING },
    () => onClockChange.current(),
  );
  const sync = useScorecardSync({
    form,
    clock,
    rubric,
    variantKey: variant.key,
    interviewId: interview.id,
    storageKey: localDraftKey(props.userId, interview.id),
    rubricVersionId,
    serverRevision: scorecard?.revision ?? 0,
    submitted,
    dispatch,
  });
  onClockChange.current = sync.changed;
  const { autosave } = sync;
  const flow = useSubmitFlow({
    form,
    clock,
    sync,
    rubric,
    variantKey: variant.key,
    rubricVersionId,
    interviewId: interview.id,
    storedRevision: scorecard?.revision ?? 0,
    readOnly,
    ui,
    dispatch,
  });
  const { amendErrors } = flow;
  const errors = useMemo(
    () => (amendErrors && ui.amending ? { ...ui.errors, ...amendErrors } : ui.errors),
    [amendErrors, ui.amending, ui.errors],
  );

  // Stable callbacks, shared by the memoised cards (each passes its own key or index).
  const { ensureStarted, seconds } = clock;
  const setNotes = useCallback(
    (next: ScorecardFormValues["notes"]) => setValue("notes", next, { shouldDirty: true }),
    [setValue],
  );
  const addNote = useCallback(
    (dimension: string) => {
      const text = (getValues(`noteDrafts.${dimension}`) ?? "").trim();
      if (!text) return;
      ensureStarted();
      setValue(`noteDrafts.${dimension}`, "");
      setNotes([...getValues("notes"), { id: newNoteId(), dimension, elapsedSeconds: seconds(), text }]);
    },
    [ensureStarted, getValues, seconds, setNotes, setValue],
  );
  const editNote = useCallback(
    (id: string, text: string) => setNotes(getValues("notes").map((n) => (n.id === id ? { ...n, text } : n))),
    [getValues, setNotes],
  );
  const removeNote = useCallback(
    (id: string) => setNotes(getValues("notes").filter((n) => n.id !== id)),
    [getValues, setNotes],
  );
  const onFocusDimension = useCallback((index: number) => dispatch({ type: "focusDimension", index }), []);
  const onToggleProbes = useCallback((key: string) => dispatch({ type: "toggleProbes", key }), []);

  const dimensionKeys = rubric.dimensions.map((d) => d.key);
  const focusDimension = (index: number) => {
    const i = Math.max(0, Math.min(dimensionKeys.length - 1, index));
    dispatch({ type: "focusDimension", index: i });
    const card = document.querySelector(`[data-dimension="${dimensionKeys[i]}"]`);
    const radio =
      card?.querySelector<HTMLInputElement>("input[type=radio]:checked") ??
      card?.querySelector<HTMLInputElement>("input[type=radio]");
    radio?.focus({ preventScroll: true });
    card?.scrollIntoView({ block: "nearest" });
  };
  // The coach (rendered around the cards below) fills these for the page-wide keys g and d.
  const coachKeys = useCoachKeys();
  const focusSelector = (selector: string) => document.querySelector<HTMLElement>(selector)?.focus();
  const chooseFirst = (keep: "mine" | "theirs") => ui.conflicts[0] && sync.choose(ui.conflicts[0], keep);

  useShortcuts(
    {
      nextDimension: () => focusDimension(ui.current + 1),
      previousDimension: () => focusDimension(ui.current - 1),
      rate: (score) => {
        if (score < rubric.scale.min || score > rubric.scale.max) return;
        const key = dimensionKeys[ui.current];
        setValue(`ratings.${key}`, String(score), { shouldDirty: true });
        // Focus follows the key, so Space or an arrow next acts on the rating just chosen.
        document
          .querySelector<HTMLInputElement>(`[data-dimension="${key}"] input[type=radio][value="${score}"]`)
          ?.focus({ preventScroll: true });
      },
      addNote: () => focusSelector(`[data-note-input="${dimensionKeys[ui.current]}"]`),
      toggleProbes: () => dispatch({ type: "toggleProbes", key: dimensionKeys[ui.current] }),
      focusRedFlags: () => focusSelector("[data-red-flags] input"),
      toggleStar: (key) => {
        const ticked = asList(getValues("star"));
        setValue("star", ticked.includes(key) ? ticked.filter((k) => k !== key) : [...ticked, key], {
          shouldDirty: true,
        });
      },
      toggleTimer: clock.toggle,
      markAnswerStart: clock.markAnswerStart,
      markAnswerEnd: clock.markAnswerEnd,
      keepMine: () => chooseFirst("mine"),
      keepTheirs: () => chooseFirst("theirs"),
      toggleFullAnchors: () => dispatch({ type: "toggleFullAnchors" }),
      focusRecommendation: () =>
        (
          document.querySelector<HTMLElement>("[data-recommendation] input:checked") ??
          document.querySelector<HTMLElement>("[data-recommendation] input")
        )?.focus(),
      raiseSuggestion: () => coachKeys.current.raiseSuggestion(),
      dismissSuggestion: () => coachKeys.current.dismissSuggestion(),
      submit: flow.openReview,
      toggleHelp: () => dispatch({ type: "help", open: "toggle" }),
      closeHelp: () => dispatch({ type: "help", open: false }),
    },
    !readOnly,
  );

  const conflicts = useRef(ui.conflicts);
  conflicts.current = ui.conflicts;
  const { choose } = sync;
  const chooseField = useCallback(
    (field: string, keep: "mine" | "theirs") => {
      const conflict = conflicts.current.find((c) => c.field === field);
      if (conflict) choose(conflict, keep);
    },
    [choose],
  );
  const firstConflictField = ui.conflicts[0]?.field ?? null;
  // Each card gets the same array until its own conflicts change.
  const conflictsOf = useMemo(() => {
    const by = new Map<string | null, MergeConflict[]>();
    for (const c of ui.conflicts) by.set(conflictDimension(c), [...(by.get(conflictDimension(c)) ?? []), c]);
    return (dimension: string | null) => by.get(dimension) ?? NO_CONFLICTS;
  }, [ui.conflicts]);
  const sideConflicts = conflictsOf(null);
  const sideConflictNodes = useMemo(
    () =>
      sideConflicts.map((c) => (
        <ConflictBeside
          key={c.field}
          rubric={rubric}
          conflict={c}
          onChoose={chooseField}
          first={c.field === firstConflictField}
        />
      )),
    [sideConflicts, rubric, chooseField, firstConflictField],
  );
  const { revisions } = props;
  const amendment = useMemo(
    () =>
      submitted
        ? {
            active: ui.amending,
            reason: ui.reason,
            revisions,
            onReason: (text: string) => dispatch({ type: "reason", text }),
            onStart: () => dispatch({ type: "amend", active: true }),
            onCancel: () => {
              reset();
              dispatch({ type: "amend", active: false });
            },
          }
        : null,
    [submitted, ui.amending, ui.reason, revisions, reset],
  );
  const reviewValues = ui.reviewOpen ? toScores(getValues()) : null;

  return (
    <>
      <Form
        method="post"
        noValidate
        onSubmit={flow.onSubmit}
        onKeyDown={flow.onFormKeyDown}
        className={`scorecard-grid${readOnly ? " read-only" : hydrated ? " live" : ""}${ui.fullAnchors ? " full-anchors" : ""}`}
        aria-label="Scorecard"
      >
        <input type="hidden" name="baseRevision" value={scorecard?.revision ?? 0} />
        <input type="hidden" name="rubricVersionId" value={rubricVersionId} />
        <FetcherBridge fetcherKey={sync.fetcherKey} submitRef={sync.submitRef} onChange={autosave.onFetcher} />
        <FetcherBridge
          fetcherKey={flow.amendFetcher.fetcherKey}
          submitRef={flow.amendFetcher.submitRef}
          onChange={flow.amendFetcher.onChange}
        />
        <LiveBar
          readOnly={readOnly || submitted}
          statusStore={autosave.statusStore}
          amendBusy={flow.amending}
          onShowHelp={() => dispatch({ type: "help", open: true })}
          status={
            <SaveStatusLine
              statusStore={autosave.statusStore}
              submitted={submitted}
              amending={ui.amending}
              submittedAt={scorecard?.submittedAt ?? null}
              hasServerCopy={!!scorecard}
              conflicts={ui.conflicts}
              rubric={rubric}
              onChoose={chooseField}
            />
          }
          timer={
            <TimerPanel
              clock={clock.clock}
              serverNow={props.serverNow}
              guide={rubric.answerGuide}
              readOnly={readOnly || submitted}
              onToggle={clock.toggle}
              onMarkStart={clock.markAnswerStart}
              onMarkEnd={clock.markAnswerEnd}
            />
          }
        />
        <div className="dimensions">
          {ui.restored ? (
            <p className="notice" role="note">
              Restored changes made on this device that had not reached the server yet; they are being saved now.
            </p>
          ) : null}
          {ui.undo ? (
            <p className="notice" role="note">
              {ui.undo.message}{" "}
              <button type="button" className="link-button" onClick={() => ui.undo && sync.undo(ui.undo.values)}>
                Undo
              </button>
            </p>
          ) : null}
          {/* The coach reads notes only on a card being written (not a submitted one), once hydrated. */}
          <EvidenceCoach
            form={form}
            rubric={rubric}
            enabled={hydrated && !readOnly}
            currentDimension={dimensionKeys[ui.current]}
            keys={coachKeys}
          >
            {rubric.dimensions.map((d, i) => (
              <DimensionCard
                key={d.key}
                rubric={rubric}
                control={form.control}
                dimension={d}
                index={i}
                weight={weights[d.key]}
                current={i === ui.current && !readOnly}
                readOnly={readOnly}
                probesOpen={!!ui.probesOpen[d.key]}
                extraProbes={variant.probes}
                errors={errors}
                bind={bind}
                conflicts={conflictsOf(d.key)}
                firstConflictField={firstConflictField}
                onChooseConflict={chooseField}
                onFocusDimension={onFocusDimension}
                onToggleProbes={onToggleProbes}
                onAddNote={addNote}
                onEditNote={editNote}
                onRemoveNote={removeNote}
              />
            ))}
          </EvidenceCoach>
        </div>
        <ScorecardSidebar
          rubric={rubric}
          variantKey={variant.key}
          control={form.control}
          bind={bind}
          readOnly={readOnly}
          errors={errors}
          storedScore={readOnly ? (scorecard?.weightedScore ?? null) : null}
          conflicts={sideConflictNodes}
          statusStore={autosave.statusStore}
          amendBusy={flow.amending}
          amendment={amendment}
        />
      </Form>
      <ShortcutsDialog open={ui.helpOpen} onClose={() => dispatch({ type: "help", open: false })} />
      <ReviewDialog
        open={ui.reviewOpen}
        rubric={rubric}
        scores={reviewValues ?? toScores(initialValues)}
        weighted={computeWeightedScore(rubric, variant.key, (reviewValues ?? toScores(initialValues)).ratings)}
        missing={ui.reviewOpen ? flow.missing() : []}
        onConfirm={flow.confirmSubmit}
        onGoToMissing={flow.confirmSubmit}
        onClose={() => dispatch({ type: "review", open: false })}
      />
    </>
  );
});
