import { coachMarks } from "./coach-marks";
import { preloadDialogs } from "./editor-dialogs";
import { mergeKit } from "./merge-parts";
import { preloadAmendment } from "./scorecard-sidebar";

/**
 * The card's parts kept out of its first bundle (the shortcuts list, the merge kit, the coach's
 * marks, a submitted card's amendment panel), fetched once it is up and online, so they are there before anything needs them; never
 * started offline (Chromium logs a fetch the network drops), then asked for when the network returns.
 */
export function preloadParts(): void {
  if (!navigator.onLine) return;
  void preloadDialogs();
  void mergeKit.load();
  void coachMarks.load();
  void preloadAmendment();
}
