import type { KeyboardEvent, MouseEvent } from "react";

// A submitted card is shown with its inputs read-only, never `disabled`: react-hook-form leaves
// disabled inputs out of its values, which cleared a submitted card's ratings once JavaScript
// loaded and started an amendment from blanks. Radios and checkboxes have no read-only state, so
// a lock cancels the click or key that would change them.

const stop = (event: MouseEvent | KeyboardEvent) => event.preventDefault();
const stopChangingKeys = (event: KeyboardEvent) => {
  if ([" ", "ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight"].includes(event.key)) event.preventDefault();
};

export function choiceLock(locked: boolean) {
  return locked ? { "aria-disabled": true as const, onClick: stop, onKeyDown: stopChangingKeys } : {};
}

export function textLock(locked: boolean) {
  return locked ? { readOnly: true, "aria-readonly": true as const } : {};
}
