import { useNavigate } from "@remix-run/react";
import { useCallback, type MouseEvent } from "react";

// A Remix <Link> is dear to render on the server: each resolves its path against the route's
// matches and runs the prefetch and click-handler hooks. At 100,000 scorecards the calibration
// overview drew ~100 of them, the largest share of its document's main-thread CPU (and that thread
// answers every autosave). Long lists of links therefore draw plain <a href> with absolute paths,
// and the list itself navigates in the app on a plain left click, as a <Link> would (a click on a
// link, or Enter on a focused one, bubbles up to it). Without JavaScript, with a modifier key, or to
// another origin or target, the browser follows the link as any link.

/** A list container's onClick: client-side navigation for the plain links inside it. */
export function useListNavigation(): (event: MouseEvent<HTMLElement>) => void {
  const navigate = useNavigate();
  return useCallback(
    (event: MouseEvent<HTMLElement>) => {
      if (event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return;
      const anchor = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!(anchor instanceof HTMLAnchorElement) || !event.currentTarget.contains(anchor)) return;
      if ((anchor.target && anchor.target !== "_self") || anchor.hasAttribute("download")) return;
      if (anchor.origin !== window.location.origin) return;
      event.preventDefault();
      navigate(`${anchor.pathname}${anchor.search}${anchor.hash}`);
    },
    [navigate],
  );
}
