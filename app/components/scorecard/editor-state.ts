import { useCallback, useReducer, useRef, type Dispatch } from "react";
import type { MergeConflict } from "~/domain/scorecard/merge-draft";
import type { FieldErrors } from "~/schemas/form-errors";
import type { ScorecardFormValues } from "./form-values";

// The scorecard page's own state (not the form's values; the open dimension is in
// current-dimension.ts): which panels are open, the errors shown, the merge conflicts waiting for a choice, and the one undo.

export interface EditorState {
  probesOpen: Record<string, boolean>;
  fullAnchors: boolean;
  helpOpen: boolean;
  reviewOpen: boolean;
  amending: boolean;
  reason: string;
  errors: FieldErrors;
  conflicts: MergeConflict[];
  /** A justification cleared because it no longer applies: what to put back. */
  undo: { message: string; values: ScorecardFormValues } | null;
  restored: boolean;
}

export type EditorAction =
  | { type: "toggleProbes"; key: string }
  | { type: "toggleFullAnchors" }
  | { type: "help"; open: boolean | "toggle" }
  | { type: "review"; open: boolean }
  | { type: "amend"; active: boolean }
  | { type: "reason"; text: string }
  | { type: "errors"; errors: FieldErrors }
  | { type: "clearError"; field: string }
  | { type: "conflicts"; conflicts: MergeConflict[] }
  | { type: "settleConflict"; field: string }
  | { type: "undo"; undo: EditorState["undo"] }
  | { type: "restored" };

export const initialEditorState = (errors: FieldErrors = {}): EditorState => ({
  probesOpen: {},
  fullAnchors: false,
  helpOpen: false,
  reviewOpen: false,
  amending: false,
  reason: "",
  errors,
  conflicts: [],
  undo: null,
  restored: false,
});

const without = (errors: FieldErrors, key: string) =>
  key in errors ? Object.fromEntries(Object.entries(errors).filter(([k]) => k !== key)) : errors;

export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case "toggleProbes":
      return { ...state, probesOpen: { ...state.probesOpen, [action.key]: !state.probesOpen[action.key] } };
    case "toggleFullAnchors":
      return { ...state, fullAnchors: !state.fullAnchors };
    case "help": {
      // Escape asks on every press: the same state back when the help is already closed, so nothing re-renders.
      const helpOpen = action.open === "toggle" ? !state.helpOpen : action.open;
      return helpOpen === state.helpOpen ? state : { ...state, helpOpen };
    }
    case "review":
      return { ...state, reviewOpen: action.open };
    case "amend":
      return { ...state, amending: action.active, errors: {}, reason: action.active ? state.reason : "" };
    case "reason":
      return { ...state, reason: action.text, errors: without(state.errors, "reason") };
    case "errors":
      return { ...state, errors: action.errors };
    case "clearError":
      // Every edit asks: the same state back when there is nothing to clear, so nothing re-renders.
      return action.field in state.errors ? { ...state, errors: without(state.errors, action.field) } : state;
    case "conflicts": {
      // A newer merge replaces conflicts on the same fields; others wait for their choice.
      const fields = new Set(action.conflicts.map((c) => c.field));
      return { ...state, conflicts: [...state.conflicts.filter((c) => !fields.has(c.field)), ...action.conflicts] };
    }
    case "settleConflict":
      return { ...state, conflicts: state.conflicts.filter((c) => c.field !== action.field) };
    case "undo":
      return { ...state, undo: action.undo };
    case "restored":
      return { ...state, restored: true };
  }
}

/**
 * The editor's state and a dispatch that drops actions that change nothing. React 18 renders a
 * useReducer's component to learn that its reducer returned the same state (it bails out only
 * after running it), and the editor asks often for nothing: every rating, note or flag asks to
 * clear its field's error, Escape to close the help. The reducer is pure, so its result is
 * computed here first, against the state as it will be once the actions already sent are applied.
 */
export function useEditorState(errors: FieldErrors | undefined): [EditorState, Dispatch<EditorAction>] {
  const [state, send] = useReducer(editorReducer, errors, initialEditorState);
  const ahead = useRef(state);
  const rendered = useRef(state);
  // A render has applied every action sent before it: the state to compute against is the rendered one.
  if (rendered.current !== state) ahead.current = rendered.current = state;
  const dispatch = useCallback((action: EditorAction) => {
    const next = editorReducer(ahead.current, action);
    if (next === ahead.current) return;
    ahead.current = next;
    send(action);
  }, []);
  return [state, dispatch];
}
