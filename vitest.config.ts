import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The same aliases as tsconfig.json's paths: ~/ is app/, ~db/ is db/.
const alias = {
  "~": fileURLToPath(new URL("./app", import.meta.url)),
  "~db": fileURLToPath(new URL("./db", import.meta.url)),
};

// A file named *.slow.test.ts spawns processes (CLIs, servers) or hammers the app (fuzzing, crash,
// backup): it runs in `npm run test:slow`, so `npm test` stays the fast loop.
const SLOW = "tests/**/*.slow.test.ts";

// Integration and slow files each get a fresh SQLite file (a copy of the run's migrated template); the
// app is built once before any of them. A hook may wait for the first copy of a template to be built.
// A test's first dashboard on the demo computes all of it (seconds of CPU), and two files run at once
// on a machine others share: 30 s was seen to run out under load, so 60 s.
const withDatabase = {
  setupFiles: ["tests/support/fresh-database.ts"],
  globalSetup: ["tests/support/build-once.ts", "tests/support/template-dir.ts"],
  testTimeout: 60_000,
  hookTimeout: 120_000,
};

// `npm test` uses both cores: vitest's default in a run is one worker fewer than the cores, which
// here is one worker for 92 files while the main thread mostly waits.
const FAST_WORKERS = 2;

// Four projects: `npm test` runs unit + integration, `npm run test:slow` the slow files,
// `npm run test:e2e` the browser tests.
export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        // Unit tests are pure (no database, no globals, no mocks), so one module graph serves them all:
        // re-importing the domain for each file was most of their time. Worker threads start cheaper than forks.
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          exclude: [SLOW],
          pool: "threads",
          isolate: false,
          maxWorkers: FAST_WORKERS,
        },
      },
      {
        resolve: { alias },
        // Each file still gets its own module graph of app/, db/ and tests/ (its own connection and
        // caches): tests/support/fresh-modules.ts drops them before each file. What is kept, per worker
        // thread, are the packages of node_modules (stateless here, and loaded by Node itself):
        // importing compromise, recharts, react-dom, express and drizzle again for every file was half
        // of this project's CPU time.
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          exclude: [SLOW],
          pool: "threads",
          isolate: false,
          maxWorkers: FAST_WORKERS,
          ...withDatabase,
          setupFiles: ["tests/support/fresh-modules.ts", ...withDatabase.setupFiles],
        },
      },
      {
        resolve: { alias },
        test: { name: "slow", include: [SLOW], ...withDatabase, testTimeout: 120_000 },
      },
      {
        resolve: { alias },
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/support/e2e-server.ts"],
          testTimeout: 60_000,
          hookTimeout: 240_000,
          // One browser flow at a time: the machine has two cores and the server needs one.
          fileParallelism: false,
        },
      },
    ],
  },
});
