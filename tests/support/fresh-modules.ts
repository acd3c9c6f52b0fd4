// The integration project runs its files one after another in each worker thread without vitest's
// isolation (vitest.config.ts): here, before each file, every module vitest evaluated (app/, db/,
// tests/, and the Remix build) is dropped, so the file imports them afresh, with module state of its
// own, as it would in a new worker. Packages from node_modules are loaded by Node itself and stay
// loaded: that is the point (they cost most of an import, and keep no state of this app).
import { vi } from "vitest";

vi.resetModules();
