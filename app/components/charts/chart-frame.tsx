import { startTransition, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { describeMissing } from "~/domain/calibration/evidence";

// Drawing a recharts chart is one long piece of work (hundreds of ms on a slow laptop); a page of
// charts drawn together after hydration freezes it for seconds. So each chart is drawn only when
// its frame comes near the viewport, one chart at a time with a pause between them (the browser
// handles input in the pauses), and as a transition, which React renders in slices.

const NEAR_VIEWPORT = "200px";
const queue: (() => void)[] = [];
let draining = false;

/** Runs each queued draw in a task of its own, in order. */
function drawInTurn(draw: () => void) {
  queue.push(draw);
  if (draining) return;
  draining = true;
  const next = () => {
    const run = queue.shift();
    if (!run) return void (draining = false);
    startTransition(run);
    setTimeout(next, 0);
  };
  setTimeout(next, 0);
}

/** True once the element has come near the viewport and its turn to draw has come. */
function useDrawWhenNear(ref: React.RefObject<HTMLElement>, enabled: boolean): boolean {
  const [drawn, setDrawn] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (drawn || !enabled || !element) return;
    if (typeof IntersectionObserver === "undefined") return drawInTurn(() => setDrawn(true));
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        observer.disconnect();
        drawInTurn(() => setDrawn(true));
      },
      { rootMargin: NEAR_VIEWPORT },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [drawn, enabled, ref]);
  return drawn;
}

/**
 * A fixed-size frame, so nothing jumps when the chart draws in the browser (recharts renders an
 * empty wrapper on the server), with the same numbers as a table one click away. The table is
 * always in the page — visually hidden behind the chart — so screen readers read the numbers.
 */
export function ChartFrame({
  title,
  height,
  chart,
  table,
  summary,
}: {
  title: string;
  height: number;
  chart: ReactNode;
  table: ReactNode;
  summary?: string;
}) {
  const [asTable, setAsTable] = useState(false);
  const id = useId();
  const area = useRef<HTMLDivElement>(null);
  // Never on the server: recharts draws in the browser only.
  const drawn = useDrawWhenNear(area, !asTable);
  return (
    <figure className="chart card" aria-labelledby={`${id}-title`}>
      <figcaption className="chart-head">
        <div>
          <h3 id={`${id}-title`}>{title}</h3>
          {summary ? <p className="hint">{summary}</p> : null}
        </div>
        <button type="button" className="link-button" aria-pressed={asTable} onClick={() => setAsTable((v) => !v)}>
          {asTable ? "Show as chart" : "Show as table"}
        </button>
      </figcaption>
      {asTable ? null : (
        <div ref={area} className="chart-area" style={{ height }} aria-hidden="true" data-drawn={drawn || undefined}>
          {drawn ? chart : null}
        </div>
      )}
      <div className={asTable ? "chart-table" : "visually-hidden"}>{table}</div>
    </figure>
  );
}

export const fmt = (value: number | null | undefined, digits = 2) =>
  value === null || value === undefined ? "—" : value.toFixed(digits);
export const pct = (value: number | null | undefined) =>
  value === null || value === undefined ? "—" : `${Math.round(value * 100)}%`;
/** A withheld figure says what evidence is missing: "needs 5 shared candidates, has 2" (evidence.ts). */
export const withheld = describeMissing;
