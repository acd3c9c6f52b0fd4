// Registers public/sw.js (a same-origin file, so a CSP of script-src 'self' allows it; no inline
// script is needed). Called once from the root component after hydration.
export function registerServiceWorker(): void {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register("/sw.js").catch(() => {
    // Without the worker the app still works online, and keeps drafts on the device offline.
  });
}

/**
 * Asks the worker to keep the build files this page has loaded so far (script elements and
 * chunks loaded later by import()), so a part loaded after the page opens also works offline.
 */
export function keepLoadedBuildFiles(): void {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return;
  const assets = performance
    .getEntriesByType("resource")
    .map((entry) => entry.name)
    .filter((name) => new URL(name, location.href).pathname.startsWith("/build/"));
  navigator.serviceWorker.ready
    .then((registration) => registration.active?.postMessage({ type: "cache-scorecards", urls: [], assets }))
    .catch(() => {});
}

/**
 * Asks the worker to keep these scorecard pages (the one open, today's interviews) and the build
 * files this page runs on, so they open offline after this one visit.
 */
export function cacheScorecards(urls: string[]): void {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator) || !urls.length) return;
  const assets = [
    ...document.querySelectorAll<HTMLScriptElement | HTMLLinkElement>(
      "script[src], link[rel=modulepreload], link[rel=stylesheet]",
    ),
  ].map((el) => ("src" in el && el.src ? el.src : (el as HTMLLinkElement).href));
  navigator.serviceWorker.ready
    .then((registration) => registration.active?.postMessage({ type: "cache-scorecards", urls, assets }))
    .catch(() => {});
}
