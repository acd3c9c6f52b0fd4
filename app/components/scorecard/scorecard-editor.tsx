import { Form, useFetcher } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { useForm } from "react-hook-form";
import type { Level, Rubric, Variant } from "~/domain/rubric/types";
import { computeWeightedScore, dimensionWeights, findCapViolations, findMissingForSubmit, findRecommendationConflict } from "~/domain/scoring";
import { scorecardDraftSchema } from "~/schemas/scorecard-schema";
import { toFieldErrors, type FieldErrors } from "~/utils/form-errors";
import { DimensionCard } from "./dimension-card";
import {
  asList,
  bindFields,
  elapsedMs,
  newNoteId,
  toFormValues,
  toPayload,
  toScores,
  type ScorecardFormValues,
  type StoredScorecard,
  type TimerState,
} from "./form-values";
import { clearLocalDraft, localDraftKey, readLocalDraft, writeLocalDraft } from "./local-draft";
import { SaveStatusLine } from "./save-status";
import { ScorecardSidebar } from "./scorecard-sidebar";
import { ShortcutsDialog } from "./shortcuts-dialog";
import { useAutosave } from "./use-autosave";
import { useShortcuts } from "./use-shortcuts";
import type { RevisionEntry } from "~/models/scorecard.server";

export interface ScorecardEditorProps {
  userId: number;
  interview: { id: number; candidateName: string; scheduledAt: string };
  level: Level;
  variant: Variant;
  rubric: Rubric;
  rubricVersionId: number;
  scorecard:
    | (StoredScorecard & { revision: number; status: "draft" | "submitted"; timer: TimerState; submittedAt: string | null; weightedScore: number | null })
    | null;
  /** A no-JavaScript submit that failed: what was posted, and why. */
  rejected?: { values: StoredScorecard; errors: FieldErrors } | null;
  /** The submission and its amendments, for a submitted scorecard. */
  revisions: RevisionEntry[];
}

type Conflict = { values: ScorecardFormValues; timer: TimerState; source: "tab" | "device" };

export function ScorecardEditor(props: ScorecardEditorProps) {
  const { rubric, variant, interview, scorecard, rubricVersionId } = props;
  const submitted = scorecard?.status === "submitted";
  const [amending, setAmending] = useState(false);
  const [reason, setReason] = useState("");
  const readOnly = submitted && !amending;
  const storageKey = localDraftKey(props.userId, interview.id);
  const schema = useMemo(() => scorecardDraftSchema(rubric), [rubric]);
  const weights = dimensionWeights(rubric, variant.key);

  const form = useForm<ScorecardFormValues>({ defaultValues: toFormValues(rubric, props.rejected?.values ?? scorecard) });
  const { register, watch, getValues, setValue, reset } = form;
  // The first values only: they render the page; afterwards react-hook-form owns the inputs, and
  // changing an uncontrolled input's default under it would fight a reset.
  const [initialValues] = useState(() => form.formState.defaultValues as ScorecardFormValues);
  const bind = useMemo(() => bindFields(register, initialValues), [register, initialValues]);
  const [timer, setTimer] = useState<TimerState>(scorecard?.timer ?? { elapsedMs: 0, runningSince: null });
  const [answerStartedAt, setAnswerStartedAt] = useState<number | null>(null);
  const [current, setCurrent] = useState(0);
  const [probesOpen, setProbesOpen] = useState<Record<string, boolean>>({});
  const [helpOpen, setHelpOpen] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>(props.rejected?.errors ?? {});
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [restored, setRestored] = useState(false);
  const live = useRef({ timer, answerStartedAt, dirty: false });
  live.current.timer = timer;
  live.current.answerStartedAt = answerStartedAt;
  const applyingRemote = useRef(false);

  const fetcher = useFetcher({ key: `scorecard-${interview.id}` });
  const amendFetcher = useFetcher<{ errors?: FieldErrors; amended?: boolean }>({ key: `scorecard-amend-${interview.id}` });
  useEffect(() => {
    if (amendFetcher.state === "idle" && amendFetcher.data?.errors) setErrors(amendFetcher.data.errors);
  }, [amendFetcher.state, amendFetcher.data]);

  const persistLocally = useCallback(
    (baseRevision: number) =>
      writeLocalDraft(storageKey, {
        values: getValues(),
        timer: live.current.timer,
        answerStartedAt: live.current.answerStartedAt,
        baseRevision,
        dirty: live.current.dirty,
        savedAt: Date.now(),
      }),
    [getValues, storageKey]
  );

  const replaceValues = useCallback(
    (values: ScorecardFormValues, nextTimer: TimerState) => {
      applyingRemote.current = true;
      reset(values);
      applyingRemote.current = false;
      setTimer(nextTimer);
      live.current.timer = nextTimer;
    },
    [reset]
  );

  const autosave = useAutosave({
    fetcher,
    initialRevision: scorecard?.revision ?? 0,
    buildPayload: (intent, baseRevision) => toPayload(getValues(), live.current.timer, { intent, baseRevision, rubricVersionId }),
    onAcknowledged: (revision, clean) => {
      live.current.dirty = !clean;
      persistLocally(revision);
    },
    onConflict: (serverState) => {
      const server = serverState as (StoredScorecard & { revision: number; timer: TimerState }) | null;
      setConflict({ values: getValues(), timer: live.current.timer, source: "tab" });
      replaceValues(toFormValues(rubric, server), server?.timer ?? live.current.timer);
      autosave.rebase(server?.revision ?? 0);
      live.current.dirty = false;
      persistLocally(server?.revision ?? 0);
    },
    onErrors: (serverErrors) => setErrors(noteErrorsByDimension(serverErrors, getValues())),
    onSubmitted: () => clearLocalDraft(storageKey),
  });

  const autosaveRef = useRef(autosave);
  autosaveRef.current = autosave;

  // Every change: onto the device at once, to the server within about a second.
  useEffect(() => {
    const subscription = watch((_values, { name }) => {
      // A submitted scorecard changes only by an explicit amendment, never by autosave.
      if (applyingRemote.current || submitted) return;
      if (name && !name.startsWith("noteDrafts")) {
        live.current.dirty = true;
        setErrors((e) => (e[name] ? withoutKey(e, name) : e));
        autosaveRef.current.notifyChange();
      }
      persistLocally(autosaveRef.current.revision());
    });
    return () => subscription.unsubscribe();
  }, [watch, persistLocally, submitted]);

  // Once, in the browser: bring back what this device has that the server has not.
  useEffect(() => {
    if (submitted) return clearLocalDraft(storageKey);
    const local = readLocalDraft(storageKey);
    if (!local) return;
    const serverRevision = scorecard?.revision ?? 0;
    if (local.baseRevision === serverRevision) {
      setAnswerStartedAt(local.answerStartedAt);
      live.current.answerStartedAt = local.answerStartedAt;
      if (local.dirty) {
        replaceValues(local.values, local.timer);
        live.current.dirty = true;
        setRestored(true);
        autosave.notifyChange();
      } else {
        for (const [key, text] of Object.entries(local.values.noteDrafts ?? {})) if (text) setValue(`noteDrafts.${key}`, text);
      }
    } else if (local.dirty && !sameContent(local.values, toFormValues(rubric, scorecard))) {
      // (The same content means the last save arrived but its acknowledgement did not.)
      setConflict({ values: local.values, timer: local.timer, source: "device" });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- restore exactly once, on mount
  }, []);

  const changeTimer = (next: TimerState) => {
    setTimer(next);
    live.current.timer = next;
    live.current.dirty = true;
    persistLocally(autosave.revision());
    autosave.notifyChange();
  };
  const toggleTimer = () => {
    const now = Date.now();
    changeTimer(timer.runningSince ? { elapsedMs: elapsedMs(timer, now), runningSince: null } : { elapsedMs: timer.elapsedMs, runningSince: now });
  };
  const elapsedSeconds = () => Math.floor(elapsedMs(live.current.timer, Date.now()) / 1000);
  const markAnswerStart = () => {
    if (!timer.runningSince) toggleTimer();
    setAnswerStartedAt(elapsedSeconds());
    live.current.answerStartedAt = elapsedSeconds();
    persistLocally(autosave.revision());
  };

  const notes = watch("notes");
  const setNotes = (next: ScorecardFormValues["notes"]) => setValue("notes", next, { shouldDirty: true });
  const addNote = (dimension: string) => {
    const text = (getValues(`noteDrafts.${dimension}`) ?? "").trim();
    if (!text) return;
    setValue(`noteDrafts.${dimension}`, "");
    setNotes([...getValues("notes"), { id: newNoteId(), dimension, elapsedSeconds: elapsedSeconds(), text }]);
  };

  const values = watch();
  const scores = toScores(values);
  const violations = findCapViolations(rubric, scores);
  const weighted = computeWeightedScore(rubric, variant.key, scores.ratings);
  const recommendationConflict = findRecommendationConflict(rubric, scores.recommendation, weighted.score);

  const submit = () => {
    if (readOnly) return;
    const intent = amending ? "amend" : "submit";
    const payload = { ...toPayload(getValues(), live.current.timer, { intent, baseRevision: autosave.revision(), rubricVersionId }), reason };
    const parsed = schema.safeParse(payload);
    const found: FieldErrors = parsed.success ? {} : noteErrorsByDimension(toFieldErrors(parsed.error), getValues());
    for (const missing of findMissingForSubmit(rubric, variant.key, toScores(getValues()))) found[missing.field] ??= missing.message;
    if (amending && !reason.trim()) found.reason ??= "Say why you are amending this scorecard";
    setErrors(found);
    if (Object.keys(found).length) return focusFirstError(found);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON body; Remix types it loosely
    if (amending) amendFetcher.submit(payload as any, { method: "post", encType: "application/json" });
    else autosave.requestSubmit();
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };

  const dimensionKeys = rubric.dimensions.map((d) => d.key);
  const focusDimension = (index: number) => {
    const i = Math.max(0, Math.min(dimensionKeys.length - 1, index));
    setCurrent(i);
    const card = document.querySelector(`[data-dimension="${dimensionKeys[i]}"]`);
    const radio = card?.querySelector<HTMLInputElement>("input[type=radio]:checked") ?? card?.querySelector<HTMLInputElement>("input[type=radio]");
    radio?.focus();
    card?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  };
  const focusSelector = (selector: string) => document.querySelector<HTMLElement>(selector)?.focus();

  useShortcuts(
    {
      nextDimension: () => focusDimension(current + 1),
      previousDimension: () => focusDimension(current - 1),
      rate: (score) => {
        if (score < rubric.scale.min || score > rubric.scale.max) return;
        setValue(`ratings.${dimensionKeys[current]}`, String(score), { shouldDirty: true });
      },
      addNote: () => focusSelector(`[data-note-input="${dimensionKeys[current]}"]`),
      toggleProbes: () => setProbesOpen((open) => ({ ...open, [dimensionKeys[current]]: !open[dimensionKeys[current]] })),
      focusRedFlags: () => focusSelector("[data-red-flags] input"),
      toggleStar: (key) => {
        const ticked = asList(getValues("star"));
        setValue("star", ticked.includes(key) ? ticked.filter((k) => k !== key) : [...ticked, key], { shouldDirty: true });
      },
      toggleTimer,
      markAnswerStart,
      focusRecommendation: () =>
        (
          document.querySelector<HTMLElement>("[data-recommendation] input:checked") ?? document.querySelector<HTMLElement>("[data-recommendation] input")
        )?.focus(),
      submit,
      toggleHelp: () => setHelpOpen((open) => !open),
      closeHelp: () => setHelpOpen(false),
    },
    !readOnly
  );

  const resolveConflict = (keepMine: boolean) => {
    if (keepMine && conflict) {
      replaceValues(conflict.values, conflict.timer);
      live.current.dirty = true;
      persistLocally(autosave.revision());
      autosave.notifyChange();
    }
    setConflict(null);
  };

  return (
    <>
      <Form method="post" noValidate onSubmit={onSubmit} className="scorecard-grid" aria-label="Scorecard">
        <input type="hidden" name="intent" value="submit" />
        <input type="hidden" name="baseRevision" value={scorecard?.revision ?? 0} />
        <input type="hidden" name="rubricVersionId" value={rubricVersionId} />
        <div className="dimensions">
          {conflict ? <ConflictBanner conflict={conflict} onResolve={resolveConflict} /> : null}
          {restored ? (
            <p className="notice" role="note">
              Restored changes made on this device that had not reached the server yet; they are being saved now.
            </p>
          ) : null}
          {rubric.dimensions.map((d, i) => (
            <DimensionCard
              key={d.key}
              dimension={d}
              weight={weights[d.key]}
              current={i === current && !readOnly}
              readOnly={readOnly}
              probesOpen={!!probesOpen[d.key]}
              extraProbes={variant.probes}
              violation={violations.find((v) => v.dimension === d.key)}
              notes={(notes ?? []).filter((n) => n.dimension === d.key)}
              errors={errors}
              bind={bind}
              onFocusWithin={() => setCurrent(i)}
              onToggleProbes={() => setProbesOpen((open) => ({ ...open, [d.key]: !open[d.key] }))}
              onAddNote={() => addNote(d.key)}
              onEditNote={(id, text) => setNotes(getValues("notes").map((n) => (n.id === id ? { ...n, text } : n)))}
              onRemoveNote={(id) => setNotes(getValues("notes").filter((n) => n.id !== id))}
            />
          ))}
        </div>
        <ScorecardSidebar
          rubric={rubric}
          bind={bind}
          readOnly={readOnly}
          errors={errors}
          timer={timer}
          answerStartedAt={answerStartedAt}
          onToggleTimer={toggleTimer}
          onMarkAnswer={markAnswerStart}
          weighted={readOnly && scorecard?.weightedScore != null ? { score: scorecard.weightedScore, complete: true } : weighted}
          recommendationConflict={recommendationConflict}
          status={
            <SaveStatusLine
              status={autosave.status}
              submitted={submitted}
              amending={amending}
              submittedAt={scorecard?.submittedAt ?? null}
              hasServerCopy={!!scorecard}
            />
          }
          submitting={(fetcher.state !== "idle" && autosave.status.state === "saving") || amendFetcher.state !== "idle"}
          amendment={
            submitted
              ? {
                  active: amending,
                  reason,
                  revisions: props.revisions,
                  onReason: (text) => {
                    setReason(text);
                    setErrors((e) => withoutKey(e, "reason"));
                  },
                  onStart: () => setAmending(true),
                  onCancel: () => {
                    reset();
                    setErrors({});
                    setAmending(false);
                  },
                }
              : null
          }
          onShowHelp={() => setHelpOpen(true)}
        />
      </Form>
      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
    </>
  );
}

function ConflictBanner({ conflict, onResolve }: { conflict: Conflict; onResolve: (keepMine: boolean) => void }) {
  return (
    <div className="conflict" role="alert">
      <p>
        {conflict.source === "tab"
          ? "This scorecard was changed in another tab or on another device. Your last change was not saved; the newer version is shown."
          : "This device has changes that were never saved, but the scorecard has been changed elsewhere since. The newer version is shown."}
      </p>
      <div className="conflict-actions">
        <button type="button" className="button" onClick={() => onResolve(false)}>
          Keep the newer version
        </button>
        <button type="button" className="button" onClick={() => onResolve(true)}>
          Use my version instead
        </button>
      </div>
    </div>
  );
}

/** Whether two drafts hold the same scoring content (half-typed notes aside). */
function sameContent(a: ScorecardFormValues, b: ScorecardFormValues): boolean {
  const meta = { intent: "save", baseRevision: 0, rubricVersionId: 0 } as const;
  const timer = { elapsedMs: 0, runningSince: null };
  return JSON.stringify(toPayload(a, timer, meta)) === JSON.stringify(toPayload(b, timer, meta));
}

const withoutKey = (errors: FieldErrors, key: string) => Object.fromEntries(Object.entries(errors).filter(([k]) => k !== key));

/** "notes.3.text" names a note by its position; the page shows it beside its dimension's notes. */
function noteErrorsByDimension(errors: FieldErrors, values: ScorecardFormValues): FieldErrors {
  const out: FieldErrors = {};
  for (const [key, message] of Object.entries(errors)) {
    const match = /^notes\.(\d+)/.exec(key);
    const dimension = match ? values.notes[Number(match[1])]?.dimension : undefined;
    out[dimension ? `notes.${dimension}` : key] ??= message;
  }
  return out;
}

function focusFirstError(errors: FieldErrors) {
  const first = Object.keys(errors)[0];
  const [group, key] = first.split(".");
  const selector =
    group === "ratings"
      ? `[data-dimension="${key}"] input[type=radio]`
      : group === "notes"
      ? `[data-note-input="${key}"]`
      : group === "recommendation"
      ? "[data-recommendation] input"
      : `[name="${first}"]`;
  document.querySelector<HTMLElement>(selector)?.focus();
}
