import type { ResourceLimits } from "node:worker_threads";

/**
 * The heap of the dashboard's compute threads (the calibration worker and its helper): a young
 * generation of 192 MB, that is 64 MB semi-spaces where V8's default is 16 MB.
 *
 * A cold computation builds ~400,000 ratings, their table and columns, and keeps most of it until
 * the views are done: with 16 MB semi-spaces V8 scavenged ~45 times a computation, each time copying
 * what had just been built, ~0.9 s of pauses over the two threads; with 64 MB ~15 times, ~0.4 s
 * (`node --trace-gc --max-semi-space-size=64 --import tsx tests/bench/profile-cold-threads.ts`, the
 * pauses of two passes summed: 1,870 ms at 16 MB, 844 ms at 64). The cost is memory: up to ~190 MB
 * more per thread while a computation runs, on a server that holds the views in memory anyway.
 */
export const COMPUTE_THREAD_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 192 };
