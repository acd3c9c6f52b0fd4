// What the two by-hand CPU profiles of the cold dashboard (profile-cold.ts, profile-report.ts)
// share: their options (--db PATH, --passes N), the bench's large database built once into PATH
// and reused, and steps timed in CPU time. CPU time, not wall time: on a shared machine a step's
// wall time is mostly other processes' (these scripts run on one thread, so the process's CPU time
// is the step's).
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { buildBigDatabase } from "./big-database";

/** The scripts' options (and `flags` of their own); the database is built at `db` first if it is not there. */
export async function bigDatabaseOptions(
  defaultPasses: number,
  flags: readonly string[] = [],
): Promise<{ path: string; passes: number; flags: Set<string> }> {
  const { values } = parseArgs({
    options: {
      db: { type: "string", default: "/tmp/panel-scorecard-big.db" },
      passes: { type: "string", default: String(defaultPasses) },
      ...Object.fromEntries(flags.map((flag) => [flag, { type: "boolean" as const }])),
    },
  });
  const path = values.db;
  if (!existsSync(path)) {
    process.stderr.write(`building ${path}…\n`);
    await buildBigDatabase(path, { seats: 50 });
  }
  return {
    path,
    passes: Number(values.passes),
    flags: new Set(flags.filter((flag) => (values as Record<string, unknown>)[flag] === true)),
  };
}

export const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

export type Steps = [string, number][];

/** Runs `work`, adds its CPU time to `steps` under `name`, and returns its result. */
export const timed = <T>(steps: Steps, name: string, work: () => T): T => {
  const start = cpuMs();
  const result = work();
  steps.push([name, cpuMs() - start]);
  return result;
};

/** "a 12 + b 30 = 42 ms of CPU" */
export const line = (steps: Steps) =>
  `${steps.map(([n, ms]) => `${n} ${ms.toFixed(0)}`).join(" + ")} = ${steps.reduce((s, [, ms]) => s + ms, 0).toFixed(0)} ms of CPU`;
