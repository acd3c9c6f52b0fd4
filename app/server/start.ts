// `npm start`: migrate, seed the demo organisation if the database is empty, build if the build is
// missing or stale, then serve. One command from a fresh clone to a running app.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import { databasePath, openDatabase } from "~db/client";
import { applyMigrations } from "~db/migrate";
import { DEMO_PASSWORD, DEMO_SIGN_INS, seedDemo } from "~/seed/demo.server";
import { ensureSeedExemplars } from "../models/exemplar.server";
import { ensureDefaultRubric } from "../models/rubric.server";
import { sessionLifetime } from "~/models/session-lifetime.server";
import { ReminderConfigError, readReminderConfig } from "../utils/reminder-config.server";
import { isBuildStale } from "./build-freshness";
import { startCalibrationWorker } from "./calibration-pool";
import { setDashboardCompute } from "~/models/dashboard-snapshot.server";
import { parseTrustProxy, shouldSeedDemo } from "./config";
import { createApp } from "./http";
import { startReminderSchedule } from "./reminder-schedule";
import { startWalCheckpointer } from "./wal-checkpointer";

const root = process.cwd();
const serverBuild = resolve(root, "build/index.js");
// Read before the default below: only an explicit NODE_ENV=production means "a real deployment".
const seedAllowed = shouldSeedDemo(process.env);
process.env.NODE_ENV ??= "production";

async function prepareDatabase() {
  sessionLifetime(); // a malformed SESSION_IDLE_MINUTES or SESSION_MAX_DAYS stops the start here
  // A connection of its own, closed before the app opens the process's one connection.
  const connection = openDatabase(databasePath());
  applyMigrations(connection.db);
  ensureDefaultRubric(connection.db);
  ensureSeedExemplars(connection.db);
  const seeded = seedAllowed ? await seedDemo(connection.db) : null;
  const people = connection.sqlite.prepare("select count(*) from users where active = 1").pluck().get() as number;
  connection.sqlite.close();
  return { seeded, people };
}

function readReminderSettingsOrExit() {
  try {
    return readReminderConfig();
  } catch (error) {
    if (!(error instanceof ReminderConfigError)) throw error;
    console.error(`Cannot start: ${error.message}`);
    process.exit(1);
  }
}

function buildIfStale() {
  // Under `npm run dev` the Remix compiler has just built and keeps building on every change.
  if (process.env.NODE_ENV === "development" || !isBuildStale(root, serverBuild)) return;
  console.log("Building the app (the build is missing or older than the source)…");
  const env = { ...process.env, NODE_ENV: "production" as const };
  const result = spawnSync(resolve(root, "node_modules/.bin/remix"), ["build"], { stdio: "inherit", env });
  if (result.status !== 0) {
    console.error("The build failed; see the output above.");
    process.exit(1);
  }
}

const reminders = readReminderSettingsOrExit();
const { seeded, people } = await prepareDatabase();
buildIfStale();
const build = (await import(pathToFileURL(serverBuild).href)) as ServerBuild;
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
// Dashboard views are computed on a worker thread, so a refresh never stalls an interviewer's autosave.
setDashboardCompute(startCalibrationWorker().compute);
// WAL checkpoints on a thread of their own, so that no autosave's commit writes the WAL back and fsyncs.
startWalCheckpointer(databasePath());
createApp(build, {
  trustProxy: parseTrustProxy(process.env.TRUST_PROXY),
}).listen(port, host, () => {
  const lines = [`Panel Scorecard is running at http://localhost:${port}`, `Database: ${databasePath()}`];
  if (seeded?.seeded)
    lines.push(
      `Seeded the demo organisation: ${seeded.users} people, ${seeded.candidates} candidates, ${seeded.submittedScorecards} submitted scorecards.`,
    );
  if (seeded) {
    lines.push(`Demo sign-ins (demo data only), password "${DEMO_PASSWORD}":`);
    for (const s of DEMO_SIGN_INS) lines.push(`  ${s.email}  — ${s.roles}`);
  }
  if (people === 0)
    lines.push(
      "No one can sign in yet: create the first admin with npm run user:create -- --email you@example.com --role admin",
    );
  lines.push(startReminderSchedule(reminders));
  console.log(lines.join("\n"));
  // `remix dev` restarts this process after each rebuild and waits for this signal to reload the page.
  if (process.env.NODE_ENV === "development") void broadcastDevReady(build);
});
