import { useState } from "react";
import type { Rubric } from "~/domain/rubric/types";
import { computeWeightedScore, type MissingItem, type ScorecardScores } from "~/domain/scoring";
import { toScores, type ScorecardFormValues } from "./form-values";
import { lazyPart } from "~/components/lazy-part";
import { ReviewDialog } from "./review-dialog";

// The editor's two dialogs, each mounted the first time it opens and kept mounted afterwards, so
// closing it hands focus back where it was (a <dialog> that is closed, not removed, does that).
// The shortcuts list comes in a chunk of its own (lazy-part.tsx); the review before submit is in
// the page's own bundle: a card opened offline before that chunk arrived could not be submitted
// (scorecard-offline.test.ts saw the submit never queue).

const ShortcutsDialog = lazyPart(() => import("./shortcuts-dialog").then((m) => m.ShortcutsDialog));

const NO_SCORES: ScorecardScores = {
  ratings: {},
  redFlags: [],
  recommendation: null,
  capJustifications: {},
  recommendationJustification: "",
};

export const preloadDialogs = () => ShortcutsDialog.preload();

/** True from the first time `open` is true. */
function useOpenedOnce(open: boolean): boolean {
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  return opened || open;
}

export function EditorDialogs(props: {
  helpOpen: boolean;
  reviewOpen: boolean;
  rubric: Rubric;
  variantKey: string;
  getValues: () => ScorecardFormValues;
  missing: () => MissingItem[];
  onConfirm: () => void;
  onCloseHelp: () => void;
  onCloseReview: () => void;
}) {
  const { helpOpen, reviewOpen, rubric } = props;
  const helpMounted = useOpenedOnce(helpOpen);
  const reviewMounted = useOpenedOnce(reviewOpen);
  // Read from the form only while the review is open (closed, it draws nothing).
  const scores = reviewOpen ? toScores(props.getValues()) : null;
  return (
    <>
      {helpMounted ? <ShortcutsDialog.Component open={helpOpen} onClose={props.onCloseHelp} /> : null}
      {reviewMounted ? (
        <ReviewDialog
          open={reviewOpen}
          rubric={rubric}
          scores={scores ?? NO_SCORES}
          weighted={computeWeightedScore(rubric, props.variantKey, (scores ?? NO_SCORES).ratings)}
          missing={reviewOpen ? props.missing() : []}
          onConfirm={props.onConfirm}
          onGoToMissing={props.onConfirm}
          onClose={props.onCloseReview}
        />
      ) : null}
    </>
  );
}
