// Preloaded (NODE_OPTIONS=--import) into the server that profile-autosave.ts profiles: NODE_OPTIONS
// may not carry --cpu-prof, so the V8 profiler is started here through node:inspector, in the main
// thread of the process whose entry script ends with BENCH_PROFILE_SCRIPT only (the tsx CLI and
// the calibration worker are left alone): the first SIGUSR2 starts it, the second stops it and
// writes the profile to BENCH_PROFILE_FILE (the server keeps running), so the profile covers the
// measured load only, not the start-up and sign-ins.
import { renameSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import { isMainThread } from "node:worker_threads";

const file = process.env.BENCH_PROFILE_FILE;
const script = process.env.BENCH_PROFILE_SCRIPT;

if (isMainThread && file && script && (process.argv[1] ?? "").replaceAll("\\", "/").endsWith(script)) {
  // The profiler signals this process by the pid written here (not tsx's CLI, its parent).
  writeFileSync(`${file}.pid`, String(process.pid));
  const session = new Session();
  session.connect();
  let running = false;
  process.on("SIGUSR2", () => {
    if (!running) {
      running = true;
      session.post("Profiler.enable", () =>
        session.post("Profiler.setSamplingInterval", { interval: 250 }, () => session.post("Profiler.start")),
      );
      return;
    }
    session.post("Profiler.stop", (error, result) => {
      if (error) process.stderr.write(`profile-preload: ${error.message}\n`);
      else {
        // Written whole, then renamed: the profiler's reader waits for the name.
        writeFileSync(`${file}.part`, JSON.stringify(result.profile));
        renameSync(`${file}.part`, file);
      }
    });
  });
}
