import type { ShouldRevalidateFunction } from "@remix-run/react";

/**
 * An autosave acknowledgement (or an offline answer) changes nothing any loader shows, so it must
 * not make every loader on the page run again after each keystroke burst. A submit does.
 */
export const skipRevalidationAfterAutosave: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) => {
  const result = actionResult as { autosave?: boolean; submitted?: boolean; offline?: boolean } | undefined;
  if (result?.offline || (result?.autosave && !result.submitted)) return false;
  return defaultShouldRevalidate;
};
