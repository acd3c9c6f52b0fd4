import { coachMarks } from "./coach-marks";
import { preloadDialogs } from "./editor-dialogs";
import { mergeKit } from "./merge-parts";

/**
 * The card's parts kept out of its first bundle (the shortcuts list, the merge kit, the coach's
 * marks), fetched once it is up and online, so they are there before anything needs them; never
 * started offline (Chromium logs a fetch the network drops), then asked for when the network returns.
 */
export function preloadParts(): void {
  if (!navigator.onLine) return;
  void preloadDialogs();
  void mergeKit.load();
  void coachMarks.load();
}
