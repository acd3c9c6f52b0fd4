import { lazyModule } from "~/components/lazy-module";
import type * as NoteSignals from "./note-signals";

// The coach's marks (underlines, suggested flags) come in a chunk of their own, with the signals
// they draw: use-note-signals.ts shows a note's signals only once this chunk has arrived too, so
// whatever draws a signal can take `coachMarks.now()` as there. Signals come from the server, so
// a card opened offline has none to draw (and needs no chunk).
export const coachMarks = lazyModule<typeof NoteSignals>(() => import("./note-signals"));
