import { Fragment, useRef, useState, type KeyboardEvent } from "react";
import { fractionOf, type LinearScale } from "~/utils/chart-scale";
import { fmt } from "./chart-frame";

// One row per item: a point with its 95% interval on a horizontal scale (the leniency chart, the
// variants' means). Drawn by hand rather than with recharts: recharts measures each axis label in
// the page, and on a page as large as the calibration views every measurement lays the whole page
// out again (hundreds of ms at 4× CPU throttling). Here nothing is measured: marks are placed in
// percent of the plot's width, names are HTML that the browser wraps in its own layout, so the
// chart renders on the server and hydrates like any other markup.
// Keyboard: the chart is one Tab stop; arrows (and Home/End) move between rows and show the
// tooltip, Esc hides it. Each row is an image named with its numbers for screen readers.

export interface IntervalRow {
  key: string;
  name: string;
  value: number;
  low: number;
  high: number;
  colour: string;
  /** A word read after the numbers and shown in the tooltip ("lenient"), when the colour means one. */
  note?: string;
}

export interface ReferenceLine {
  at: number;
  colour: string;
  dashed?: boolean;
}

const PADDING = { top: 8, right: 24, bottom: 8, left: 8 };
const AXIS_HEIGHT = 30;
const TICK = 6;
const POINT_RADIUS = 4.5;
const BAR_HEIGHT = 6;
const AXIS_COLOUR = "#666";
const GRID_COLOUR = "#e5e8ee";
const percent = (fraction: number) => `${(fraction * 100).toFixed(3)}%`;

/** A name wraps between words, never after a word's own hyphen ("Growth mindset and / self-awareness"). */
function keepHyphenatedWords(name: string) {
  return name.split(" ").map((word, i) => (
    <Fragment key={i}>
      {i > 0 ? " " : null}
      {word.includes("-") ? <span className="nowrap">{word}</span> : word}
    </Fragment>
  ));
}

export function IntervalChart({
  label,
  rows,
  scale,
  height,
  labelWidth,
  valueName,
  references = [],
}: {
  /** What the chart shows, for screen readers ("Leniency and severity"). */
  label: string;
  rows: IntervalRow[];
  scale: LinearScale;
  /** The whole chart's height in px, as its frame reserves it. */
  height: number;
  /** The names' column, in px. */
  labelWidth: number;
  /** What the point is ("Leniency", "Mean"), in the tooltip and the spoken names. */
  valueName: string;
  references?: ReferenceLine[];
}) {
  const [active, setActive] = useState(0);
  const [focused, setFocused] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  const [hovered, setHovered] = useState<number | null>(null);
  const points = useRef<(SVGGElement | null)[]>([]);
  const plotHeight = height - PADDING.top - PADDING.bottom - AXIS_HEIGHT;
  const band = plotHeight / Math.max(1, rows.length);
  const centre = (i: number) => band * (i + 0.5);
  const at = (value: number) => fractionOf(value, scale.domain);
  const tick = (value: number) => value.toFixed(scale.decimals);
  const spoken = (row: IntervalRow) =>
    `${row.name}: ${valueName.toLowerCase()} ${fmt(row.value)}, 95% interval ${fmt(row.low)} to ${fmt(row.high)}${row.note ? `, ${row.note}` : ""}`;

  const tooltipIndex = hovered ?? (focused && !dismissed ? active : null);
  const tooltipRow = tooltipIndex === null ? null : rows[tooltipIndex];

  function move(to: number) {
    const next = Math.min(rows.length - 1, Math.max(0, to));
    setActive(next);
    setDismissed(false);
    points.current[next]?.focus();
  }
  function onKeyDown(event: KeyboardEvent) {
    const step: Record<string, number> = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };
    if (event.key in step) move(active + step[event.key]);
    else if (event.key === "Home") move(0);
    else if (event.key === "End") move(rows.length - 1);
    else if (event.key === "Escape" && !dismissed) setDismissed(true);
    else return;
    event.preventDefault();
  }

  return (
    <div
      className="interval-chart"
      style={{
        height,
        gridTemplateColumns: `${labelWidth}px 1fr`,
        padding: `${PADDING.top}px ${PADDING.right}px ${PADDING.bottom}px ${PADDING.left}px`,
      }}
    >
      <div
        className="interval-chart-names"
        aria-hidden="true"
        style={{ gridTemplateRows: `repeat(${rows.length}, ${band}px)` }}
      >
        {rows.map((row) => (
          <div key={row.key}>
            <span>{keepHyphenatedWords(row.name)}</span>
          </div>
        ))}
      </div>
      {/* The keys are handled here for every row: the rows are the focusable parts (roving tabindex). */}
      <svg
        role="group"
        aria-label={`${label}: one row per item; arrow keys move between them`}
        width="100%"
        height={height - PADDING.top - PADDING.bottom}
        overflow="visible"
        onKeyDown={onKeyDown}
        onFocus={() => setFocused(true)}
        onBlur={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocused(false);
        }}
        onMouseLeave={() => setHovered(null)}
      >
        <g aria-hidden="true">
          {scale.ticks.map((t) => (
            <line key={t} x1={percent(at(t))} x2={percent(at(t))} y1={0} y2={plotHeight} stroke={GRID_COLOUR} />
          ))}
          <line x1={0} x2={0} y1={0} y2={plotHeight} stroke={AXIS_COLOUR} />
          {rows.map((row, i) => (
            <line key={row.key} x1={-TICK} x2={0} y1={centre(i)} y2={centre(i)} stroke={AXIS_COLOUR} />
          ))}
          <line x1={0} x2="100%" y1={plotHeight} y2={plotHeight} stroke={AXIS_COLOUR} />
          {scale.ticks.map((t) => (
            <g key={t}>
              <line
                x1={percent(at(t))}
                x2={percent(at(t))}
                y1={plotHeight}
                y2={plotHeight + TICK}
                stroke={AXIS_COLOUR}
              />
              <text x={percent(at(t))} y={plotHeight + TICK + 14} textAnchor="middle" fill={AXIS_COLOUR}>
                {tick(t)}
              </text>
            </g>
          ))}
          {references.map((r) => (
            <line
              key={r.at}
              x1={percent(at(r.at))}
              x2={percent(at(r.at))}
              y1={0}
              y2={plotHeight}
              stroke={r.colour}
              strokeDasharray={r.dashed ? "4 4" : undefined}
            />
          ))}
        </g>
        {rows.map((row, i) => (
          <g
            key={row.key}
            ref={(element) => {
              points.current[i] = element;
            }}
            className="interval-chart-row"
            role="img"
            aria-label={spoken(row)}
            tabIndex={i === active ? 0 : -1}
            data-active={tooltipIndex === i || undefined}
            onFocus={() => setActive(i)}
            onMouseEnter={() => setHovered(i)}
          >
            <rect className="interval-chart-band" x={0} y={band * i} width="100%" height={band} />
            <rect
              x={percent(at(Math.min(row.low, row.high)))}
              y={centre(i) - BAR_HEIGHT / 2}
              width={percent(Math.abs(at(row.high) - at(row.low)))}
              height={BAR_HEIGHT}
              fill={row.colour}
            />
            <circle cx={percent(at(row.value))} cy={centre(i)} r={POINT_RADIUS} fill={row.colour} />
          </g>
        ))}
      </svg>
      {tooltipRow && tooltipIndex !== null ? (
        <div
          className="chart-tooltip"
          aria-hidden="true"
          style={{
            top: PADDING.top + centre(tooltipIndex),
            left: `calc(${PADDING.left + labelWidth}px + (100% - ${PADDING.left + labelWidth + PADDING.right}px) * ${at(tooltipRow.value).toFixed(4)})`,
            // On the side of the point with more room.
            transform: at(tooltipRow.value) > 0.5 ? "translate(calc(-100% - 12px), -50%)" : "translate(12px, -50%)",
          }}
        >
          <strong>{keepHyphenatedWords(tooltipRow.name)}</strong>
          <span style={{ color: tooltipRow.colour }}>
            95% interval: {fmt(tooltipRow.low)} to {fmt(tooltipRow.high)}
          </span>
          <span style={{ color: tooltipRow.colour }}>
            {valueName}: {fmt(tooltipRow.value)}
          </span>
          {tooltipRow.note ? <span>{tooltipRow.note}</span> : null}
        </div>
      ) : null}
    </div>
  );
}
