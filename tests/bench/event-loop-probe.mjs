// Event-loop delay of the server under bench, measured from inside its process without touching
// app code: preloaded with NODE_OPTIONS="--import file:///.../tests/bench/event-loop-probe.mjs" by
// tests/bench/big-server.ts. NODE_OPTIONS reaches every node process the server's command starts
// (the tsx CLI, then the node process running app/server/start.ts, and worker threads), so the probe
// only acts in the main thread of the process whose entry script ends with
// BENCH_EVENT_LOOP_SCRIPT, and only when BENCH_EVENT_LOOP_PORT is set; anywhere else it does nothing.
//
// perf_hooks.monitorEventLoopDelay({ resolution: 10 }): a 10 ms timer whose firing intervals are
// recorded, so an idle loop reads ~10 ms and a loop blocked for 300 ms reads ~310 ms at most.
// Side channel: a tiny HTTP server on 127.0.0.1:BENCH_EVENT_LOOP_PORT (unref'd: it never keeps the
// server alive), answered by the same event loop it measures (a stalled loop answers late, never
// wrongly):
//   GET /reset  clears the histogram and the event-loop utilisation baseline;
//   GET /read   {"max_ms","p99_ms","p50_ms","mean_ms","min_ms","count","elu","seconds","main_cpu_ms","process_cpu_ms"}
//               since the last reset. main_cpu_ms: CPU time of the main thread alone (Linux
//               /proc/self/task/<pid>/stat; null elsewhere), beside process_cpu_ms (all threads,
//               the calibration worker included): with elu, it tells a busy loop from a starved one.
//               "saves": each autosave's (a POST whose URL names the scorecard) arrival in the server
//               ('request' event, ms after the reset) and time in it until its answer was written
//               ('finish'), so the bench can see when saves really arrived and how long each waited
//               in the server: {"count","p50_ms","p99_ms","max_ms","arrivals_ms":[...]}.
import { readFileSync } from "node:fs";
import { createServer, Server } from "node:http";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { isMainThread } from "node:worker_threads";

const port = Number(process.env.BENCH_EVENT_LOOP_PORT);
const script = process.env.BENCH_EVENT_LOOP_SCRIPT;

if (
  isMainThread &&
  Number.isInteger(port) &&
  port > 0 &&
  script &&
  (process.argv[1] ?? "").replaceAll("\\", "/").endsWith(script)
) {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let since = performance.now();
  let eluBase = performance.eventLoopUtilization();
  const mainCpuMs = () => {
    try {
      const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // utime and stime (fields 14 and 15 of stat(5), 12 and 13 after the name), in clock ticks of 10 ms.
      return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      return null;
    }
  };
  const processCpuMs = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  let saves = [];
  const emit = Server.prototype.emit;
  Server.prototype.emit = function (event, req, res) {
    if (event === "request" && req.method === "POST" && (req.url ?? "").includes("scorecard")) {
      const arrived = performance.now();
      const save = { at: arrived - since, ms: null };
      saves.push(save);
      res.once("finish", () => void (save.ms = performance.now() - arrived));
    }
    return emit.apply(this, arguments);
  };
  const savesReading = () => {
    const times = saves
      .filter((s) => s.ms !== null)
      .map((s) => s.ms)
      .sort((a, b) => a - b);
    const at = (q) =>
      times.length ? Math.round(times[Math.max(0, Math.ceil(q * times.length) - 1)] * 100) / 100 : null;
    return {
      count: times.length,
      p50_ms: at(0.5),
      p99_ms: at(0.99),
      max_ms: at(1),
      arrivals_ms: saves.map((s) => Math.round(s.at * 10) / 10),
    };
  };
  let mainCpuBase = mainCpuMs();
  let processCpuBase = processCpuMs();
  const ms = (ns) => Math.round((ns / 1e6) * 100) / 100;
  const server = createServer((req, res) => {
    let body;
    if (req.url === "/reset") {
      histogram.reset();
      saves = [];
      since = performance.now();
      eluBase = performance.eventLoopUtilization();
      mainCpuBase = mainCpuMs();
      processCpuBase = processCpuMs();
      body = { ok: true };
    } else if (req.url === "/read") {
      const count = histogram.count;
      body = {
        max_ms: count ? ms(histogram.max) : null,
        p99_ms: count ? ms(histogram.percentile(99)) : null,
        p50_ms: count ? ms(histogram.percentile(50)) : null,
        mean_ms: count ? ms(histogram.mean) : null,
        min_ms: count ? ms(histogram.min) : null,
        count,
        elu: Math.round(performance.eventLoopUtilization(eluBase).utilization * 1000) / 1000,
        seconds: Math.round(performance.now() - since) / 1000,
        main_cpu_ms: mainCpuBase === null ? null : mainCpuMs() - mainCpuBase,
        process_cpu_ms: Math.round(processCpuMs() - processCpuBase),
        saves: savesReading(),
      };
    } else {
      res.writeHead(404).end();
      return;
    }
    const text = JSON.stringify(body);
    res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) }).end(text);
  });
  // A taken port must not take the server down: the bench then reports no event-loop figures.
  server.on("error", (error) => process.stderr.write(`event-loop-probe: ${error.message}\n`));
  server.listen(port, "127.0.0.1", () => process.stderr.write(`event-loop-probe: listening on ${port}\n`));
  server.unref();
}
