import { lazyModule } from "~/components/lazy-module";
import type * as MergeKit from "./merge-kit";

// The merge kit's chunk, fetched once the page is up (online). A conflict exists only after a
// merged reply was put on the page, which waits for the kit: whatever draws a conflict can take
// `mergeKit.now()` as there.

export const mergeKit = lazyModule<typeof MergeKit>(() => import("./merge-kit"));

/** The kit, waiting for the network if it could not come (a merged reply's handling waits for it). */
export async function mergeKitOnline(): Promise<typeof MergeKit> {
  for (;;) {
    const kit = await mergeKit.load();
    if (kit) return kit;
    await new Promise((resolve) => window.addEventListener("online", resolve, { once: true }));
  }
}
