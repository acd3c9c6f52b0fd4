import { useCallback, useEffect, useRef, useState, type Dispatch, type FormEvent, type KeyboardEvent } from "react";
import type { UseFormReturn } from "react-hook-form";
import type { Rubric } from "~/domain/rubric/types";
import { findMissingForSubmit } from "~/domain/scoring";
import type { FieldErrors } from "~/schemas/form-errors";
import { draftSchemaNow, loadDraftSchema } from "./draft-schema";
import type { EditorAction, EditorState } from "./editor-state";
import type { FetcherSubmit } from "./fetcher-bridge";
import { toContent, toPayload, toScores, type ScorecardFormValues } from "./form-values";
import type { InterviewClock } from "./use-interview-clock";
import type { useScorecardSync } from "./use-scorecard-sync";

// Submitting is deliberate: the Submit button and Ctrl+Enter open the review; only its confirm
// sends the card. Enter in a one-line box never submits. An amendment is saved with its reason.

export function useSubmitFlow(opts: {
  form: UseFormReturn<ScorecardFormValues>;
  clock: InterviewClock;
  sync: ReturnType<typeof useScorecardSync>;
  rubric: Rubric;
  variantKey: string;
  rubricVersionId: number;
  interviewId: number;
  storedRevision: number;
  readOnly: boolean;
  ui: EditorState;
  dispatch: Dispatch<EditorAction>;
}) {
  const { form, clock, sync, rubric, ui, dispatch } = opts;
  const { getValues } = form;
  useEffect(() => void loadDraftSchema(), []);
  // The amendment's fetcher is rendered by a FetcherBridge (see fetcher-bridge.tsx): the editor
  // keeps only whether it is busy and the errors of its reply.
  const amendSubmit = useRef<FetcherSubmit | null>(null);
  const [amend, setAmend] = useState<{ busy: boolean; errors: FieldErrors | undefined }>({
    busy: false,
    errors: undefined,
  });
  const onAmendFetcher = useCallback((state: string, data: unknown) => {
    const busy = state !== "idle";
    const errors = busy ? undefined : (data as { errors?: FieldErrors } | undefined)?.errors;
    setAmend((was) => (was.busy === busy && was.errors === errors ? was : { busy, errors }));
  }, []);

  const payload = (intent: "submit" | "amend") => ({
    ...toPayload(toContent(getValues(), clock.latest.current), {
      intent,
      baseRevision: opts.storedRevision,
      rubricVersionId: opts.rubricVersionId,
    }),
    reason: ui.reason,
  });

  /** Errors a submit would meet, found here first so they show beside their fields. */
  const findErrors = (): FieldErrors => {
    // Without the schema yet (see draft-schema.ts) only the rules are checked here; the server checks all.
    const found: FieldErrors =
      draftSchemaNow()?.draftErrors(rubric, payload(ui.amending ? "amend" : "submit"), getValues()) ?? {};
    for (const missing of findMissingForSubmit(rubric, opts.variantKey, toScores(getValues())))
      found[missing.field] ??= missing.message;
    if (ui.amending && !ui.reason.trim()) found.reason ??= "Say why you are amending this scorecard";
    return found;
  };
  const check = () => {
    const found = findErrors();
    dispatch({ type: "errors", errors: found });
    if (Object.keys(found).length) focusFirstError(found);
    return Object.keys(found).length === 0;
  };

  const saveAmendment = async () => {
    if (!draftSchemaNow()) await loadDraftSchema();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON body; Remix types it loosely
    if (check()) amendSubmit.current?.(payload("amend") as any, { method: "post", encType: "application/json" });
  };
  const openReview = () => {
    if (opts.readOnly) return;
    if (ui.amending) return void saveAmendment();
    dispatch({ type: "review", open: true });
  };
  const confirmSubmit = async () => {
    dispatch({ type: "review", open: false });
    if (!draftSchemaNow()) await loadDraftSchema();
    if (!check()) return;
    sync.persist(sync.autosave.revision(), true);
    sync.autosave.requestSubmit();
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    if (submitter?.value === "save") return sync.autosave.flush();
    openReview();
  };
  // Enter in a one-line box (a justification) keeps what was typed; it never submits the card.
  const onFormKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    const target = event.target;
    if (
      event.key === "Enter" &&
      !event.ctrlKey &&
      !event.metaKey &&
      target instanceof HTMLInputElement &&
      target.type !== "submit"
    )
      event.preventDefault();
  };

  return {
    openReview,
    confirmSubmit,
    onSubmit,
    onFormKeyDown,
    missing: () => Object.entries(findErrors()).map(([field, message]) => ({ field, message })),
    amendErrors: amend.errors,
    amending: amend.busy,
    amendFetcher: {
      fetcherKey: `scorecard-amend-${opts.interviewId}`,
      submitRef: amendSubmit,
      onChange: onAmendFetcher,
    },
  };
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
