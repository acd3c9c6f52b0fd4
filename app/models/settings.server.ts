import { eq } from "drizzle-orm";
import { getDb } from "~db/client";
import { auditLog, settings } from "~db/schema";
import { INDEPENDENCE_MODES, type IndependenceMode } from "~/domain/independence";

const INDEPENDENCE = "independence";

export function getIndependenceMode(): IndependenceMode {
  const row = getDb().select({ value: settings.value }).from(settings).where(eq(settings.key, INDEPENDENCE)).get();
  return (INDEPENDENCE_MODES as readonly string[]).includes(row?.value ?? "")
    ? (row!.value as IndependenceMode)
    : "after_submit";
}

export function setIndependenceMode(mode: IndependenceMode, actorId: number): void {
  getDb().transaction((tx) => {
    tx.insert(settings)
      .values({ key: INDEPENDENCE, value: mode })
      .onConflictDoUpdate({ target: settings.key, set: { value: mode } })
      .run();
    tx.insert(auditLog)
      .values({ actorId, action: "settings.independence", entity: "settings", detail: { mode } })
      .run();
  });
}
