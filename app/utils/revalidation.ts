import type { ShouldRevalidateFunction } from "@remix-run/react";
import { needsNoRevalidation } from "~/domain/scorecard/autosave-reply";

/**
 * An autosave acknowledgement (or an offline answer) changes nothing any loader shows, so it must
 * not make every loader on the page run again after each keystroke burst. A submit does.
 */
export const skipRevalidationAfterAutosave: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  needsNoRevalidation(actionResult) ? false : defaultShouldRevalidate;
