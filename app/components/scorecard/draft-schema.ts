import { lazyModule } from "~/components/lazy-module";

// The submit check's schema brings zod (about 14 KB gzipped), and nothing on the card needs it to
// draw or to be edited: it is fetched once the page is up, kept by the offline worker, and the
// check waits for it only if a submit comes first. The server validates every save regardless.

const draftSchema = lazyModule(() => import("./draft-check"));

/** The schema module (null: it could not come, offline; asked again at the next submit). */
export const loadDraftSchema = draftSchema.load;

/** The schema module if it has arrived, else null. */
export const draftSchemaNow = draftSchema.now;
