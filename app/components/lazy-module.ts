import { keepLoadedBuildFiles } from "~/utils/service-worker";

// A module in a chunk of its own (an `import()`), fetched once: `load` starts it (again, if an
// earlier try failed offline) and resolves to the module, or null when it could not come; `now`
// is the module once it has arrived, for code that runs only after something needed it.
// The offline worker keeps every chunk that arrives.

export interface LazyModule<M> {
  load: () => Promise<M | null>;
  now: () => M | null;
}

export function lazyModule<M>(importer: () => Promise<M>): LazyModule<M> {
  let loaded: M | null = null;
  let loading: Promise<M | null> | null = null;
  const load = () =>
    (loading ??= importer().then(
      (module) => {
        loaded = module;
        keepLoadedBuildFiles();
        return module;
      },
      () => {
        loading = null; // offline before it came: asked again the next time it is needed
        return null;
      },
    ));
  return { load, now: () => loaded };
}
