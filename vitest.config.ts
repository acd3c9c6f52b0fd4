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

// Integration and slow files each get a fresh SQLite file; the app is built once before any of them.
const withDatabase = {
  setupFiles: ["tests/support/fresh-database.ts"],
  globalSetup: ["tests/support/build-once.ts"],
  testTimeout: 30_000,
};

// Four projects: `npm test` runs unit + integration, `npm run test:slow` the slow files,
// `npm run test:e2e` the browser tests.
export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], exclude: [SLOW] },
      },
      {
        resolve: { alias },
        test: { name: "integration", include: ["tests/integration/**/*.test.ts"], exclude: [SLOW], ...withDatabase },
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
