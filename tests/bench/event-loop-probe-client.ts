// The bench's side of event-loop-probe.mjs, which big-server.ts preloads into the server process:
// what a reading holds, how it reads in a log line, and the client of the probe's HTTP side channel.

export interface EventLoopReading {
  max_ms: number | null;
  p99_ms: number | null;
  p50_ms: number | null;
  mean_ms: number | null;
  min_ms: number | null;
  count: number;
  /** Event-loop utilisation (0–1) since the reset. */
  elu: number;
  seconds: number;
  /** CPU time of the server's main thread since the reset (Linux only, 10 ms ticks). */
  main_cpu_ms: number | null;
  /** CPU time of the whole server process (main thread, calibration worker, libuv threads) since the reset. */
  process_cpu_ms: number;
  /** The autosaves since the reset as the server saw them: arrival (ms after the reset) and time in the server. */
  saves?: SavesReading;
}

export interface SavesReading {
  count: number;
  /** Time from a save's 'request' event to its answer written, in the server: its queueing there plus its work. */
  p50_ms: number | null;
  p99_ms: number | null;
  max_ms: number | null;
  arrivals_ms: number[];
}

/** "utilisation 0.53, main thread on CPU 38% of the time, process 140%": a busy loop vs a starved one. */
export function describeEventLoop(reading: EventLoopReading): string {
  const share = (ms: number) => `${Math.round((ms / (reading.seconds * 1000)) * 100)}%`;
  return (
    `p99 ${reading.p99_ms} ms, loop utilisation ${reading.elu}` +
    (reading.main_cpu_ms === null ? "" : `, main thread on CPU ${share(reading.main_cpu_ms)} of the time`) +
    `, whole process ${share(reading.process_cpu_ms)} of one core`
  );
}

/** The side channel of event-loop-probe.mjs in the server process. */
export interface EventLoopProbe {
  reset(): Promise<void>;
  read(): Promise<EventLoopReading>;
}

export function probeClient(port: number): EventLoopProbe {
  const get = async (path: string) => {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new Error(`event-loop probe ${path} answered ${res.status}`);
    return res.json();
  };
  return {
    reset: async () => void (await get("/reset")),
    read: async () => (await get("/read")) as EventLoopReading,
  };
}
