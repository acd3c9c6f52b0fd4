import { deserialize, serialize } from "node:v8";
import type { DashboardViews } from "~/domain/calibration/dashboard-views";

// The worker's views cross to the main thread as serialised parts of about PART_BYTES each, which
// the main thread reads back one per event-loop turn. Posted as one object, the whole views (5.7 MB
// at 100,000 scorecards) were deserialised in one task when the message arrived: 100-170 ms of main
// thread on every refresh, with every autosave waiting. The big lists (the interviewers' rows, the
// loop effects) are cut into runs of items; the bytes move without a copy (transferred).

const PART_BYTES = 64 * 1024;

/** One part: a view whole, or a run of items appended to a list of a view (its `rows`, or itself). */
export interface ViewPart {
  key: string;
  /** Set on a run of items: the list they are appended to ("rows" of the view, or "" for the view itself). */
  list?: "rows" | "";
  bytes: ArrayBuffer;
}

const bytesOf = (value: unknown): ArrayBuffer => {
  const buffer = serialize(value);
  // A fresh ArrayBuffer holding exactly these bytes, so that it can be transferred.
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
};

function runs(key: string, list: "rows" | "", items: unknown[], partBytes: number): ViewPart[] {
  const whole = bytesOf(items);
  if (whole.byteLength <= partBytes) return [{ key, list, bytes: whole }];
  const size = Math.ceil(items.length / Math.ceil(whole.byteLength / partBytes));
  const parts: ViewPart[] = [];
  for (let at = 0; at < items.length; at += size) parts.push({ key, list, bytes: bytesOf(items.slice(at, at + size)) });
  return parts;
}

/** The views as parts, in order, and the buffers to transfer with them. */
export function packViews(
  views: DashboardViews,
  partBytes = PART_BYTES,
): { parts: ViewPart[]; transfer: ArrayBuffer[] } {
  const parts: ViewPart[] = [];
  for (const [key, value] of Object.entries(views) as [string, unknown][]) {
    if (Array.isArray(value)) {
      parts.push({ key, bytes: bytesOf([]) }, ...runs(key, "", value, partBytes));
    } else if (value && typeof value === "object" && Array.isArray((value as { rows?: unknown }).rows)) {
      const { rows, ...rest } = value as { rows: unknown[] };
      parts.push({ key, bytes: bytesOf({ ...rest, rows: [] }) }, ...runs(key, "rows", rows, partBytes));
    } else parts.push({ key, bytes: bytesOf(value) });
  }
  return { parts, transfer: parts.map((p) => p.bytes) };
}

const nextTurn = () => new Promise<void>((resume) => setImmediate(resume));

/** The views back from their parts, one part per turn of the event loop. */
export async function unpackViews(parts: ViewPart[]): Promise<DashboardViews> {
  const views: Record<string, unknown> = {};
  for (const part of parts) {
    await nextTurn();
    const value = deserialize(new Uint8Array(part.bytes)) as unknown;
    if (part.list === undefined) views[part.key] = value;
    else {
      const view = views[part.key] as unknown[] | { rows: unknown[] };
      const list = part.list === "rows" ? (view as { rows: unknown[] }).rows : (view as unknown[]);
      for (const item of value as unknown[]) list.push(item);
    }
  }
  return views as DashboardViews;
}
