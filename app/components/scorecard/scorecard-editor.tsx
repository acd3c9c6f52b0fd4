import { Form } from "@remix-run/react";
import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import type { Level, Rubric, Variant } from "~/domain/rubric/types";
import type { ScorecardTiming } from "~/domain/scorecard-content";
import { NO_TIMING } from "~/domain/scorecard-content";
import { dimensionWeights } from "~/domain/scoring";
import type { RevisionEntry } from "./scorecard-sidebar";
import type { FieldErrors } from "~/schemas/form-errors";
import { useCurrentDimensionStore } from "./current-dimension";
import { DimensionCard } from "./dimension-card";
import { loadDraftSchema } from "./draft-schema";
import { EditorDialogs } from "./editor-dialogs";
import { useEditorState } from "./editor-state";
import { EvidenceCoach, useCoachKeys } from "./evidence-coach";
import { FetcherBridge } from "./fetcher-bridge";
import {
  bindFields,
  drawnAfterFrame,
  toFormValues,
  type ScorecardFormValues,
  type StoredScorecard,
  type TimerState,
} from "./form-values";
import { LiveBar } from "./live-bar";
import { preloadParts } from "./preload-parts";
import { localDraftKey } from "./local-draft";
import { SaveStatusLine } from "./save-status";
import { ScorecardSidebar } from "./scorecard-sidebar";
import { TimerPanel } from "./timer-panel";
import { useInterviewClock } from "./use-interview-clock";
import { useConflictProps } from "./use-conflict-props";
import { useEditorShortcuts } from "./use-editor-shortcuts";
import { useNoteActions } from "./use-note-actions";
import { useScorecardSync } from "./use-scorecard-sync";
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

/**
 * The scorecard being written. Memoised, and it re-renders only for its own state (panels, errors,
 * conflicts): form values are watched by the parts that show them, the fetchers live in
 * FetcherBridges, and the save status, the clock and the open dimension in stores their parts read.
 */
export const ScorecardEditor = memo(function ScorecardEditor(props: ScorecardEditorProps) {
  const { rubric, variant, interview, scorecard, rubricVersionId } = props;
  const submitted = scorecard?.status === "submitted";
  const [ui, dispatch] = useEditorState(props.rejected?.errors);
  const currentDimension = useCurrentDimensionStore();
  const readOnly = submitted && !ui.amending;
  // Live mode (folded dimensions, short anchors) needs the keys that unfold them: after hydration
  // only, so without JavaScript every dimension stays open.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => {
    setHydrated(true);
    // The parts kept out of the first bundle come after the submit check's schema (preload-parts.ts).
    void loadDraftSchema().then(preloadParts);
    window.addEventListener("online", preloadParts);
    return () => window.removeEventListener("online", preloadParts);
  }, []);
  const weights = useMemo(() => dimensionWeights(rubric, variant.key), [rubric, variant.key]);

  const form = useForm<ScorecardFormValues>({
    defaultValues: toFormValues(rubric, props.rejected?.values ?? scorecard),
  });
  const { register, getValues, reset } = form;
  // The first values only: they render the page; afterwards react-hook-form owns the inputs.
  const [initialValues] = useState(() => form.formState.defaultValues as ScorecardFormValues);
  const bind = useMemo(
    () => bindFields(register, initialValues, (path, value) => drawnAfterFrame(rubric, getValues, path, value)),
    [register, initialValues, rubric, getValues],
  );

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
  const { addNote, editNote, removeNote } = useNoteActions(form, clock, sync.together);
  const onFocusDimension = useCallback((index: number) => currentDimension.set(index), [currentDimension]);
  const onToggleProbes = useCallback((key: string) => dispatch({ type: "toggleProbes", key }), [dispatch]);
  const closeHelp = useCallback(() => dispatch({ type: "help", open: false }), [dispatch]);
  const closeReview = useCallback(() => dispatch({ type: "review", open: false }), [dispatch]);

  // The coach (rendered around the cards below) fills these for the page-wide keys g and d.
  const coachKeys = useCoachKeys();
  useEditorShortcuts({
    rubric,
    form,
    clock,
    ui,
    dispatch,
    currentDimension,
    coachKeys,
    choose: sync.choose,
    openReview: flow.openReview,
    enabled: !readOnly,
  });
  const { chooseField, conflictsOf } = useConflictProps(rubric, ui.conflicts, sync.choose);
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
    [submitted, ui.amending, ui.reason, revisions, reset, dispatch],
  );

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
              clockStore={clock.store}
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
            currentDimension={currentDimension}
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
                currentDimension={currentDimension}
                readOnly={readOnly}
                probesOpen={!!ui.probesOpen[d.key]}
                extraProbes={variant.probes}
                errors={errors}
                bind={bind}
                conflicts={conflictsOf(d.key)}
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
          conflicts={conflictsOf(null)}
          statusStore={autosave.statusStore}
          amendBusy={flow.amending}
          amendment={amendment}
        />
      </Form>
      <EditorDialogs
        helpOpen={ui.helpOpen}
        reviewOpen={ui.reviewOpen}
        rubric={rubric}
        variantKey={variant.key}
        getValues={getValues}
        missing={flow.missing}
        onConfirm={flow.confirmSubmit}
        onCloseHelp={closeHelp}
        onCloseReview={closeReview}
      />
    </>
  );
});
