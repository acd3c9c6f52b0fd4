// For profiling by hand (profile-dashboard.ts, run again and again): with BENCH_BIG_DATABASE_CACHE
// set to a file path, the large database is built once into that file (its description beside it,
// FILE.json) and copied from there on later runs, instead of 80 s of building each time. The bench
// itself (npm run bench) never sets it: each run builds its own.
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { buildBigDatabase, type BigDatabase } from "./big-database";

export async function buildOrCopyBigDatabase(path: string, opts: { seats: number }): Promise<BigDatabase> {
  const cache = process.env.BENCH_BIG_DATABASE_CACHE;
  if (!cache) return buildBigDatabase(path, opts);
  if (existsSync(cache) && existsSync(`${cache}.json`)) {
    const big = JSON.parse(readFileSync(`${cache}.json`, "utf8")) as BigDatabase & { seatCount: number };
    if (big.seatCount === opts.seats) {
      copyFileSync(cache, path);
      return big;
    }
  }
  const big = await buildBigDatabase(path, opts);
  copyFileSync(path, cache);
  writeFileSync(`${cache}.json`, JSON.stringify({ ...big, seatCount: opts.seats }));
  return big;
}
