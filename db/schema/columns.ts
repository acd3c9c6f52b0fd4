// Column shapes that several tables share, so each is written (and read) once.
import { sql, type SQL } from "drizzle-orm";
import { integer, text, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";

// Times are ISO-8601 UTC strings: they sort correctly as text and read well in the audit log.
export const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

/** A text time column, set to now on insert (`created_at`, `opened_at`, …). */
export const stamp = (name: string) => text(name).notNull().default(now);
export const createdAt = () => stamp("created_at");

/** The usual surrogate key. */
export const serialId = () => integer("id").primaryKey({ autoIncrement: true });

/** A required reference; a child row goes with its parent when `cascade` is asked for. */
export const requiredRef = (name: string, target: () => AnySQLiteColumn, cascade?: "cascade") =>
  integer(name)
    .notNull()
    .references(target, cascade ? { onDelete: cascade } : undefined);

// The database's own copy of these value lists (db/ imports nothing of app/; app/domain holds the
// app's): changing one here is a migration.
export const LEVELS = ["mid", "senior", "staff"] as const;
export const RECOMMENDATIONS = ["strong_no", "no", "yes", "strong_yes"] as const;

/** The CHECK text drizzle-kit wrote for an enum column: `"t"."c" in ('a','b')`. */
export const oneOf = (column: AnySQLiteColumn, values: readonly string[]): SQL =>
  sql`${column} in ${sql.raw(`(${values.map((v) => `'${v}'`).join(",")})`)}`;
