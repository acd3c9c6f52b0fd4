import type { Dispatch, MutableRefObject } from "react";
import type { UseFormReturn } from "react-hook-form";
import type { Rubric } from "~/domain/rubric/types";
import type { MergeConflict } from "~/domain/scorecard/merge-draft";
import type { CurrentDimensionStore } from "./current-dimension";
import type { EditorAction, EditorState } from "./editor-state";
import type { CoachKeys } from "./evidence-coach";
import { asList, changeField, drawnAfterFrame, type ScorecardFormValues } from "./form-values";
import type { InterviewClock } from "./use-interview-clock";
import { useShortcuts } from "./use-shortcuts";

// What each page-wide key does on the live scorecard (use-shortcuts.ts decides when a key counts).

export function useEditorShortcuts(opts: {
  rubric: Rubric;
  form: UseFormReturn<ScorecardFormValues>;
  clock: InterviewClock;
  ui: EditorState;
  dispatch: Dispatch<EditorAction>;
  currentDimension: CurrentDimensionStore;
  coachKeys: MutableRefObject<CoachKeys>;
  choose: (conflict: MergeConflict, keep: "mine" | "theirs") => void;
  openReview: () => void;
  enabled: boolean;
}) {
  const { rubric, form, clock, ui, dispatch, coachKeys, currentDimension } = opts;
  // Read when a key is pressed: the open dimension is not the editor's state (current-dimension.ts).
  const current = currentDimension.get;
  const { getValues, setValue } = form;
  const dimensionKeys = rubric.dimensions.map((d) => d.key);
  const focusDimension = (index: number) => {
    const i = Math.max(0, Math.min(dimensionKeys.length - 1, index));
    currentDimension.set(i);
    const card = document.querySelector(`[data-dimension="${dimensionKeys[i]}"]`);
    const radio =
      card?.querySelector<HTMLInputElement>("input[type=radio]:checked") ??
      card?.querySelector<HTMLInputElement>("input[type=radio]");
    radio?.focus({ preventScroll: true });
    card?.scrollIntoView({ block: "nearest" });
  };
  const focusSelector = (selector: string) => document.querySelector<HTMLElement>(selector)?.focus();
  const chooseFirst = (keep: "mine" | "theirs") => ui.conflicts[0] && opts.choose(ui.conflicts[0], keep);

  useShortcuts(
    {
      nextDimension: () => focusDimension(current() + 1),
      previousDimension: () => focusDimension(current() - 1),
      rate: (score) => {
        if (score < rubric.scale.min || score > rubric.scale.max) return;
        const key = dimensionKeys[current()];
        // Focus follows the key, so Space or an arrow next acts on the rating just chosen. First,
        // while the page's layout is clean: focus() after the change would force its style and
        // layout (the checked anchor restyles its card) inside the keystroke, before React's own.
        document
          .querySelector<HTMLInputElement>(`[data-dimension="${key}"] input[type=radio][value="${score}"]`)
          ?.focus({ preventScroll: true });
        // The radio is checked at once (react-hook-form sets the input itself); what React draws from
        // the rating (the weighted score, the card's label) follows the key's frame when it can.
        const path = `ratings.${key}` as const;
        changeField(drawnAfterFrame(rubric, getValues, path, String(score)), () =>
          setValue(path, String(score), { shouldDirty: true }),
        );
      },
      addNote: () => {
        // In view past the panel stuck to the bottom edge on half a screen (its scroll-margin-bottom).
        const box = document.querySelector<HTMLElement>(`[data-note-input="${dimensionKeys[current()]}"]`);
        box?.focus({ preventScroll: true });
        box?.scrollIntoView({ block: "nearest" });
      },
      toggleProbes: () => dispatch({ type: "toggleProbes", key: dimensionKeys[current()] }),
      focusRedFlags: () => focusSelector("[data-red-flags] input"),
      toggleStar: (key) => {
        const ticked = asList(getValues("star"));
        changeField(true, () =>
          setValue("star", ticked.includes(key) ? ticked.filter((k) => k !== key) : [...ticked, key], {
            shouldDirty: true,
          }),
        );
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
      submit: opts.openReview,
      toggleHelp: () => dispatch({ type: "help", open: "toggle" }),
      closeHelp: () => dispatch({ type: "help", open: false }),
    },
    opts.enabled,
  );
}
