import { useCallback, useEffect, useRef, type Dispatch } from "react";
import type { UseFormReturn } from "react-hook-form";
import type { Rubric } from "~/domain/rubric/types";
import type { MergeConflict } from "~/domain/scorecard/merge-draft";
import type { DraftContent } from "~/domain/scorecard-content";
import { findStaleJustifications } from "~/domain/scoring";
import type { EditorAction } from "./editor-state";
import type { FetcherSubmit } from "./fetcher-bridge";
import { toContent, toFormValues, toScores, type ClockState, type ScorecardFormValues } from "./form-values";
import { clearLocalDraft, readLocalDraft, writeLocalDraft } from "./local-draft";
import { mergeKit, mergeKitOnline } from "./merge-parts";
import { useAutosave } from "./use-autosave";
import type { InterviewClock } from "./use-interview-clock";

// Keeps the card, the device and the server in step: every change goes to localStorage at once
// and to the server within a second; a reply merged with changes made elsewhere is merged again
// with what was typed meanwhile; a justification that no longer applies is cleared, with an undo.

export function useScorecardSync(opts: {
  form: UseFormReturn<ScorecardFormValues>;
  clock: InterviewClock;
  rubric: Rubric;
  variantKey: string;
  interviewId: number;
  storageKey: string;
  rubricVersionId: number;
  serverRevision: number;
  /** A submitted card changes only by an explicit amendment, never by autosave. */
  submitted: boolean;
  dispatch: Dispatch<EditorAction>;
}) {
  const { form, clock, rubric, variantKey, storageKey, dispatch, submitted } = opts;
  const { getValues, reset, watch, setValue } = form;
  // The clock's functions, not the clock object (a new one each render): the callbacks below stay
  // stable, so the memoised parts of the editor keep their props.
  const { ensureStarted, replace: replaceClock, latest: clockLatest } = clock;
  const applying = useRef(false);
  const dirty = useRef(false);
  const lastValues = useRef<ScorecardFormValues>(structuredClone(getValues()));
  // The autosave fetcher is rendered by a FetcherBridge under the editor (see fetcher-bridge.tsx).
  const fetcherKey = `scorecard-${opts.interviewId}`;
  const submitRef = useRef<FetcherSubmit | null>(null);

  const persist = useCallback(
    (baseRevision: number, submitQueued = false) =>
      writeLocalDraft(storageKey, {
        values: getValues(),
        clock: clock.latest.current,
        baseRevision,
        dirty: dirty.current,
        submitQueued,
        savedAt: Date.now(),
      }),
    [getValues, storageKey, clock.latest],
  );

  /** Puts another copy's content on the page (half-typed notes stay); not a change of the interviewer's. */
  const apply = useCallback(
    (content: DraftContent | (ScorecardFormValues & { clock: ClockState })) => {
      const drafts = getValues("noteDrafts");
      applying.current = true;
      // keepFieldsRef: the inputs stay registered and get the new values now. Without it
      // react-hook-form forgets every field until its component renders again, and the memoised
      // cards do not: a keystroke typed meanwhile would be shown but never stored.
      if ("clock" in content) {
        reset(content, { keepFieldsRef: true });
        replaceClock(content.clock);
      } else {
        reset({ ...toFormValues(rubric, content), noteDrafts: drafts }, { keepFieldsRef: true });
        replaceClock({ timer: content.timer, timing: content.timing });
      }
      applying.current = false;
      lastValues.current = structuredClone(getValues());
    },
    [getValues, reset, rubric, replaceClock],
  );

  const autosave = useAutosave({
    submitRef,
    initialRevision: opts.serverRevision,
    rubricVersionId: opts.rubricVersionId,
    content: () => toContent(getValues(), clock.latest.current),
    onAcknowledged: (revision, clean) => {
      dirty.current = !clean;
      persist(revision);
    },
    onMerged: async (merged, conflicts, sent) => {
      // What was typed since the save left (and while the kit came) is kept on top of what the server merged.
      const { mergeDraft } = await mergeKitOnline();
      const here = mergeDraft(sent, toContent(getValues(), clock.latest.current), merged);
      apply(here.merged);
      const all: MergeConflict[] = [...conflicts, ...here.conflicts];
      if (all.length) dispatch({ type: "conflicts", conflicts: all });
    },
    onErrors: (errors) => dispatch({ type: "errors", errors }),
    onSubmitted: () => clearLocalDraft(storageKey),
  });
  const autosaveRef = useRef(autosave);
  autosaveRef.current = autosave;

  // A change made of several field writes (a note added: its box cleared, the list grown) goes to
  // the device once, after the last of them, still inside the keystroke.
  const batching = useRef(0);
  const unwritten = useRef(false);
  const writeDevice = useCallback(() => {
    if (batching.current > 0) unwritten.current = true;
    else persist(autosaveRef.current.revision());
  }, [persist]);
  const together = useCallback(
    (change: () => void) => {
      batching.current++;
      try {
        change();
      } finally {
        batching.current--;
      }
      if (batching.current === 0 && unwritten.current) {
        unwritten.current = false;
        persist(autosaveRef.current.revision());
      }
    },
    [persist],
  );

  const changed = useCallback(() => {
    dirty.current = true;
    autosaveRef.current.notifyChange();
    persist(autosaveRef.current.revision());
  }, [persist]);

  // Every change: onto the device at once, to the server within about a second.
  useEffect(() => {
    const subscription = watch((values, { name }) => {
      if (applying.current || submitted) return;
      if (name && !name.startsWith("noteDrafts")) {
        ensureStarted();
        dispatch({ type: "clearError", field: name });
        const stale = findStaleJustifications(rubric, variantKey, toScores(values as ScorecardFormValues));
        if (stale.length) {
          const before = lastValues.current;
          applying.current = true;
          for (const field of stale) setValue(field as "recommendationJustification", "");
          applying.current = false;
          dispatch({
            type: "undo",
            undo: { message: "A justification no longer applies and was cleared.", values: before },
          });
        }
        lastValues.current = structuredClone(getValues());
        dirty.current = true;
        autosaveRef.current.notifyChange();
      }
      writeDevice();
    });
    return () => subscription.unsubscribe();
  }, [watch, writeDevice, submitted, rubric, variantKey, dispatch, getValues, setValue, ensureStarted]);

  // Once, in the browser: bring back what this device has that the server has not. Its first save
  // carries the revision it was based on, so the server merges it with anything saved elsewhere.
  useEffect(() => {
    if (submitted) return clearLocalDraft(storageKey);
    const local = readLocalDraft(storageKey);
    if (!local) return;
    if (local.dirty) {
      apply({ ...local.values, clock: local.clock });
      dirty.current = true;
      autosave.rebase(local.baseRevision);
      dispatch({ type: "restored" });
      if (local.submitQueued) autosave.requestSubmit();
      else autosave.notifyChange();
    } else if (local.baseRevision > opts.serverRevision) {
      // An older copy of the page (opened offline from the service worker's cache): the device knows better.
      apply({ ...local.values, clock: local.clock });
      autosave.rebase(local.baseRevision);
    } else if (local.baseRevision === opts.serverRevision) {
      for (const [key, text] of Object.entries(local.values.noteDrafts ?? {}))
        if (text) setValue(`noteDrafts.${key}`, text);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- restore exactly once, on mount
  }, []);

  /** A conflict settled: "theirs" is already on the page; "mine" writes my value back and saves it. */
  const choose = useCallback(
    (conflict: MergeConflict, keep: "mine" | "theirs") => {
      dispatch({ type: "settleConflict", field: conflict.field });
      if (keep === "theirs") return;
      const content = toContent(getValues(), clockLatest.current);
      // A conflict on the page means its merge ran: the kit is there.
      mergeKit.now()!.setField(content, conflict.field, conflict.mine);
      apply(content);
      changed();
    },
    [apply, changed, clockLatest, dispatch, getValues],
  );

  const undo = useCallback(
    (values: ScorecardFormValues) => {
      apply({ ...values, clock: clockLatest.current });
      dispatch({ type: "undo", undo: null });
      changed();
    },
    [apply, changed, clockLatest, dispatch],
  );

  return { autosave, fetcherKey, submitRef, changed, choose, undo, persist, together };
}
