import type * as ScorecardSchema from "~/schemas/scorecard-schema";
import { keepLoadedBuildFiles } from "~/utils/service-worker";

// The submit check's schema brings zod (about 14 KB gzipped), and nothing on the card needs it to
// draw or to be edited: it is fetched once the page is up, kept by the offline worker, and the
// check waits for it only if a submit comes first. The server validates every save regardless.

type DraftSchemaModule = typeof ScorecardSchema;

let loaded: DraftSchemaModule | null = null;
let loading: Promise<DraftSchemaModule | null> | null = null;

export function loadDraftSchema(): Promise<DraftSchemaModule | null> {
  loading ??= import("~/schemas/scorecard-schema").then(
    (module) => {
      loaded = module;
      keepLoadedBuildFiles();
      return module;
    },
    () => {
      loading = null; // offline before it came: asked again at the next submit
      return null;
    },
  );
  return loading;
}

/** The schema module if it has arrived, else null. */
export const draftSchemaNow = (): DraftSchemaModule | null => loaded;
