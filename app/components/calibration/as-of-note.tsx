import { useMatches, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";

/** How fresh a dashboard view's figures are (the loader's `freshness`; see dashboard-snapshot.server.ts). */
export interface Freshness {
  asOf: string;
  newerScorecards: number;
  refreshing: boolean;
}

/** While the server refreshes a view, the page asks again this often, so the new figures appear on their own. */
const REFRESH_POLL_MS = 3000;

/** The freshness of the dashboard view on screen: the first route below the layout whose loader reports one. */
export function useViewFreshness(): Freshness | null {
  for (const match of useMatches()) {
    const freshness = (match.data as { freshness?: Freshness } | null | undefined)?.freshness;
    if (freshness) return freshness;
  }
  return null;
}

/** "As of 14:02 UTC · 3 newer scorecards, refreshing…" — UTC, so server and browser render the same text. */
export function AsOfNote({ freshness }: { freshness: Freshness }) {
  const revalidator = useRevalidator();
  const { refreshing } = freshness;
  useEffect(() => {
    if (!refreshing || revalidator.state !== "idle") return;
    const timer = setTimeout(() => revalidator.revalidate(), REFRESH_POLL_MS);
    return () => clearTimeout(timer);
  }, [refreshing, freshness.asOf, revalidator]);
  const time = freshness.asOf.slice(11, 16);
  const newer = freshness.newerScorecards;
  return (
    <p className="hint as-of" role="status">
      As of {time} UTC
      {refreshing
        ? ` · ${newer === 0 ? "newer data" : `${newer} newer scorecard${newer === 1 ? "" : "s"}`}, refreshing…`
        : ""}
    </p>
  );
}
