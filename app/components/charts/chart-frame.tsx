import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { describeMissing } from "~/domain/calibration/evidence";

// Drawing a recharts chart is one long piece of work (hundreds of ms on a slow laptop); a page of
// charts drawn together after hydration freezes it for seconds. So each chart is drawn only when
// its frame comes near the viewport, one chart per task: the next one starts only after the last
// one has committed (recharts then updates its store and re-renders synchronously, in the same
// task) and the browser has had a turn to paint and handle input. A transition would not help:
// recharts' store updates go through useSyncExternalStore, which React always renders synchronously.

const NEAR_VIEWPORT = "200px";
/** If a chart never commits (its frame went away first), the next one draws after this anyway. */
const COMMIT_TIMEOUT_MS = 2000;
const queue: { title: string; draw: () => void }[] = [];
let drawing: string | null = null;
let watchdog: ReturnType<typeof setTimeout> | undefined;

/** Runs each queued draw in a task of its own, in order, each after the last one has committed. */
function drawInTurn(title: string, draw: () => void) {
  queue.push({ title, draw });
  if (drawing === null) nextDraw();
}

function nextDraw() {
  clearTimeout(watchdog);
  const run = queue.shift();
  drawing = run?.title ?? null;
  if (!run) return;
  setTimeout(() => {
    // Each chart's draw, up to its commit, shows as "chart: <title>" in a performance trace (and the bench).
    performance.mark(`chart-start: ${run.title}`);
    run.draw();
  }, 0);
  watchdog = setTimeout(nextDraw, COMMIT_TIMEOUT_MS);
}

/** Rendered after a chart: its effect runs once the chart has committed, and lets the next one draw. */
function Committed() {
  useEffect(() => {
    if (drawing === null) return;
    if (performance.getEntriesByName(`chart-start: ${drawing}`).length)
      performance.measure(`chart: ${drawing}`, `chart-start: ${drawing}`);
    clearTimeout(watchdog);
    setTimeout(nextDraw, 0);
  }, []);
  return null;
}

/** True once the element has come near the viewport and its turn to draw has come. */
function useDrawWhenNear(title: string, ref: React.RefObject<HTMLElement>, enabled: boolean): boolean {
  const [drawn, setDrawn] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (drawn || !enabled || !element) return;
    if (typeof IntersectionObserver === "undefined") return drawInTurn(title, () => setDrawn(true));
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        observer.disconnect();
        drawInTurn(title, () => setDrawn(true));
      },
      { rootMargin: NEAR_VIEWPORT },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [drawn, enabled, ref, title]);
  return drawn;
}

/**
 * A fixed-size frame, so nothing jumps when the chart draws in the browser (recharts renders an
 * empty wrapper on the server), with the same numbers as a table one click away. The table is
 * always in the page — visually hidden behind the chart — so screen readers read the numbers.
 * A hand-drawn chart (interval-chart.tsx) is drawn at once, on the server too, and is not hidden
 * from assistive technology: its rows are named and reachable by keyboard.
 */
export function ChartFrame({
  title,
  height,
  chart,
  table,
  summary,
  handDrawn = false,
}: {
  title: string;
  height: number;
  chart: ReactNode;
  table: ReactNode;
  summary?: string;
  handDrawn?: boolean;
}) {
  const [asTable, setAsTable] = useState(false);
  const id = useId();
  const area = useRef<HTMLDivElement>(null);
  // Never on the server: recharts draws in the browser only.
  const isDrawn = useDrawWhenNear(title, area, !asTable && !handDrawn);
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
        <div
          ref={area}
          className="chart-area"
          style={{ height }}
          aria-hidden={handDrawn ? undefined : "true"}
          data-drawn={handDrawn || isDrawn || undefined}
        >
          {handDrawn ? (
            chart
          ) : isDrawn ? (
            <>
              {chart}
              <Committed />
            </>
          ) : null}
        </div>
      )}
      <div className={asTable ? "chart-table" : "visually-hidden"}>{table}</div>
    </figure>
  );
}

export const fmt = (value: number | null | undefined, digits = 2) =>
  value === null || value === undefined ? "—" : value.toFixed(digits);
/** A difference with its sign: "+0.40", "-0.25", "0.00"; "—" when there is none. */
export const signed = (value: number | null | undefined) =>
  value === null || value === undefined ? "—" : `${value > 0 ? "+" : ""}${fmt(value)}`;
export const pct = (value: number | null | undefined) =>
  value === null || value === undefined ? "—" : `${Math.round(value * 100)}%`;
/** A withheld figure says what evidence is missing: "needs 5 shared candidates, has 2" (evidence.ts). */
export const withheld = describeMissing;
