/** One event of a Chromium trace (CDP Tracing, JSON), with the fields the typing tools read. */
export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time, µs: what a loaded machine does not inflate. */
  tdur?: number;
  tid: number;
  pid: number;
  id?: string;
  id2?: { local?: string; global?: string };
  args?: Record<string, unknown> & {
    name?: string;
    elementCount?: number;
    beginData?: { dirtyObjects?: number; totalObjects?: number; partialLayout?: boolean; frame?: string };
    endData?: { root?: number[]; layoutRoots?: unknown[] };
    data?: Record<string, unknown> & { type?: string };
  };
}
