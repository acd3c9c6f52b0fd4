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
const withDatabase = {
  setupFiles: ["tests/support/fresh-database.ts"],
  globalSetup: ["tests/support/build-once.ts", "tests/support/template-dir.ts"],
  testTimeout: 30_000,
  hookTimeout: 120_000,
};

// Four projects: `npm test` runs unit + integration, `npm run test:slow` the slow files,
// `npm run test:e2e` the browser tests.
export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        // Unit tests are pure (no database, no globals, no mocks), so one module graph serves them all:
        // re-importing the domain for each file was most of their time. Worker threads start cheaper than forks.
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], exclude: [SLOW], pool: "threads", isolate: false },
      },
      {
        resolve: { alias },
        // Each file still runs in its own module graph (its own connection and caches), in a worker thread.
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          exclude: [SLOW],
          pool: "threads",
          ...withDatabase,
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
