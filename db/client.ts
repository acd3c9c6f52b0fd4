import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
export interface Connection {
  sqlite: Database.Database;
  db: Db;
}

export function databasePath(): string {
  return process.env.DATABASE_PATH || "data/panel-scorecard.db";
}

/**
 * The database holds sessions and password hashes: owner-only (0600). The file is created 0600
 * before SQLite opens it (SQLite then gives its -wal and -shm the database file's mode), and an
 * existing file, -wal or -shm left readable by an older version is tightened.
 */
function restrictToOwner(path: string, created: boolean): void {
  if (created) closeSync(openSync(path, "a", 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(file)) chmodSync(file, 0o600);
}

export function openDatabase(path: string): Connection {
  const onDisk = path !== ":memory:" && path !== "";
  if (onDisk) {
    mkdirSync(dirname(path), { recursive: true });
    restrictToOwner(path, !existsSync(path));
  }
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  if (onDisk) restrictToOwner(path, false);
  // Set after WAL on purpose: on a new database the switch to WAL leaves the connection at FULL.
  // NORMAL in WAL mode loses nothing on a process crash (kill -9), only on power loss.
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  return { sqlite, db: drizzle(sqlite, { schema }) };
}

let connection: Connection | undefined;

// Who checkpoints the WAL. By default SQLite does, inside the commit that takes the WAL past 1,000
// pages: on the server that is an autosave on the main thread, writing pages back and fsyncing
// while every other request waits. The server hands checkpoints to a thread of its own
// (app/server/wal-checkpointer.ts) and turns them off on its connection. Kept on globalThis, not
// in a module variable: app/server/start.ts loads this module from source while the routes use the
// copy bundled into the Remix build, and each copy opens its own process connection.
const CHECKPOINTS = Symbol.for("panel-scorecard.wal-autocheckpoint");
/** SQLite's default wal_autocheckpoint, in pages. */
export const DEFAULT_WAL_AUTOCHECKPOINT = 1000;
interface CheckpointSetting {
  pages: number;
  connections: Set<Database.Database>;
}
function checkpointSetting(): CheckpointSetting {
  const global = globalThis as typeof globalThis & { [CHECKPOINTS]?: CheckpointSetting };
  return (global[CHECKPOINTS] ??= { pages: DEFAULT_WAL_AUTOCHECKPOINT, connections: new Set() });
}

/**
 * The WAL size (pages) at which a commit on a process connection checkpoints, on the open ones and
 * the ones opened later; 0: never (someone else checkpoints).
 */
export function setProcessAutocheckpoint(pages: number): void {
  const setting = checkpointSetting();
  setting.pages = pages;
  for (const sqlite of setting.connections) if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${pages}`);
}

/** The process's one connection, opened on first use at DATABASE_PATH. */
export function getConnection(): Connection {
  if (!connection) {
    connection = openDatabase(databasePath());
    const setting = checkpointSetting();
    connection.sqlite.pragma(`wal_autocheckpoint = ${setting.pages}`);
    setting.connections.add(connection.sqlite);
  }
  return connection;
}

export function getDb(): Db {
  return getConnection().db;
}

/**
 * Runs read-then-write work in a BEGIN IMMEDIATE transaction: a deferred transaction that later
 * wants to write fails at once with SQLITE_BUSY under a concurrent writer, whatever the busy timeout.
 */
export function writeTransaction<T>(work: (db: Db) => T, db: Db = getDb()): T {
  return db.$client.transaction(() => work(db)).immediate();
}

/** A statement prepared once per connection: drizzle's per-call query building costs ~4x. */
export function preparedOnce<T>(build: (db: Db) => T): () => T {
  const cache = new WeakMap<Connection, T>();
  return () => {
    const current = getConnection();
    let statement = cache.get(current);
    if (statement === undefined) {
      statement = build(current.db);
      cache.set(current, statement);
    }
    return statement;
  };
}

const closeListeners = new Set<() => void>();

/** Runs `listener` when the process's connection is closed (e.g. to drop work that would read a closed database). */
export function onConnectionClose(listener: () => void): void {
  closeListeners.add(listener);
}

export function closeConnection(): void {
  for (const listener of closeListeners) listener();
  if (connection) checkpointSetting().connections.delete(connection.sqlite);
  connection?.sqlite.close();
  connection = undefined;
}
