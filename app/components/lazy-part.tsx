import { useEffect, useState, type ComponentType } from "react";
import { lazyModule } from "./lazy-module";

// Parts of a page that nothing needs for its first paint (on the scorecard: the shortcuts list; on
// the overview: the planner's chart and recharts with it) come in a chunk of their own, fetched when first drawn or
// earlier through `preload` (the scorecard preloads its parts once it is up, so they are there
// before anyone opens them). Not React.lazy: a part whose chunk has arrived renders in the same render, with no
// Suspense and no tick without it (a keyboard flow may press Enter right after opening the review).
// A part that has not arrived renders `fallback` and then itself, once it does. On the server and
// during hydration it is never loaded (loading starts in an effect), so both render the fallback.

export interface LazyPart<P> {
  /** Starts fetching the chunk (once); the offline worker keeps it. */
  preload: () => Promise<unknown>;
  Component: ComponentType<P>;
}

export function lazyPart<P extends object>(
  load: () => Promise<ComponentType<P>>,
  fallback: (props: P) => React.ReactNode = () => null,
): LazyPart<P> {
  const part = lazyModule(load);
  const preload = part.load;
  function Component(props: P) {
    const [, setArrived] = useState(false);
    const Part = part.now();
    useEffect(() => {
      if (Part) return;
      let live = true;
      void preload().then((arrived) => live && arrived && setArrived(true));
      return () => void (live = false);
    }, [Part]);
    return Part ? <Part {...props} /> : fallback(props);
  }
  return { preload, Component };
}
